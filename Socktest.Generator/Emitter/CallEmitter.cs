using System.Collections.Generic;
using System.Linq;
using Socktest.Generator.Model;

namespace Socktest.Generator.Emitter;

/// <summary>Writes one call's wrapper in the switch and its passthrough in the native implementation, from the call's
/// row in <see cref="CallTable"/>.</summary>
internal static class CallEmitter
{
    private const string Core = "global::Socktest.Engine.SwitchCore";
    private const string Disposition = "global::Socktest.Engine.CallDisposition";
    private const string Libc = "global::Socktest.Interop.Libc";

    public static void WriteSwitchMethod(IndentedWriter writer, CallModel model)
    {
        var call = model.Call;
        var names = model.ParameterNames.Select(Identifier.Escape).ToArray();
        string state = UniqueName("call", model.ParameterNames);
        string core = FieldReference("_core", model.ParameterNames);
        string inner = InnerCall(model, Arguments(call, names));

        writer.Line("/// <inheritdoc/>");
        using (writer.Block("public int " + call.Name + "(" + Parameters(call, names) + ")"))
        {
            if (call.Opening == CallOpening.NewSocket)
            {
                using (writer.Block("if (!" + core + ".BeginSocket(" + string.Join(", ", names) + ", out var " + state + "))"))
                {
                    writer.Line("return " + Core + ".Cancel(in " + state + ");");
                }

                writer.Line();
                WriteEnd(writer, model, names, core, state, inner);
                return;
            }

            // A data call tells the engine how many bytes it asks for, and makes the real call with the buffer the
            // filter may have cut short.
            bool transfer = call.Opening == CallOpening.Transfer;
            string begin = transfer
                ? ".BeginTransfer(global::Socktest.FilterType." + call.FilterType + ", " + names[0] + ", " + names[call.BufferParameter] + ".Length, out var "
                : call.BeginArguments.Count > 0
                    ? "." + call.BeginMethod + "(" + string.Join(", ", new[] { names[0] }.Concat(call.BeginArguments.Select(i => names[i]))) + ", out var "
                    : ".Begin(global::Socktest.FilterType." + call.FilterType + ", " + names[0] + ", out var ";
            string filtered = transfer
                ? InnerCall(model, Arguments(call, names, call.BufferParameter, Core + ".Cut(in " + state + ", " + names[call.BufferParameter] + ")"))
                : inner;
            using (writer.Block("switch (" + core + begin + state + "))"))
            {
                writer.Line("case " + Disposition + ".PassThrough:");
                writer.Indent();
                writer.Line("return " + inner + ";");
                writer.Outdent();
                writer.Line("case " + Disposition + ".Cancelled:");
                writer.Indent();
                foreach (string output in OutNames(call, names))
                {
                    writer.Line(output + " = 0;");
                }

                writer.Line("return " + Core + ".Cancel(in " + state + ");");
                writer.Outdent();
                writer.Line("default:");
                writer.Indent();
                WriteEnd(writer, model, names, core, state, filtered);
                writer.Outdent();
            }
        }
    }

    public static void WriteNativeMethod(IndentedWriter writer, CallModel model)
    {
        var names = model.ParameterNames.Select(Identifier.Escape).ToArray();
        writer.Line("public int " + model.Call.Name + "(" + Parameters(model.Call, names) + ")");
        writer.Indent();
        writer.Line("=> " + Libc + "." + model.Call.Name + "(" + Arguments(model.Call, names) + ");");
        writer.Outdent();
    }

    /// <summary>The real call and the engine's <c>End</c>; an <c>out</c> value is 0 whenever the caller gets -1.</summary>
    private static void WriteEnd(IndentedWriter writer, CallModel model, string[] names, string core, string state, string inner)
    {
        var call = model.Call;
        string extra = string.Concat(call.EndArguments.Select(index => ", " + names[index]));
        var outputs = OutNames(call, names).ToList();
        if (outputs.Count == 0)
        {
            writer.Line("return " + core + "." + call.EndMethod + "(ref " + state + ", " + inner + extra + ");");
            return;
        }

        string result = UniqueName("result", model.ParameterNames);
        writer.Line("int " + result + " = " + inner + ";");
        writer.Line(result + " = " + core + "." + call.EndMethod + "(ref " + state + ", " + result + extra + ");");
        foreach (string output in outputs)
        {
            writer.Line(output + " = " + result + " < 0 ? 0 : " + output + ";");
        }

        writer.Line("return " + result + ";");
    }

    private static string Parameters(CallDescription call, string[] names)
        => string.Join(", ", call.Parameters.Select((p, i) => p.Modifier + p.QualifiedTypeName + " " + names[i]));

    private static string Arguments(CallDescription call, string[] names, int replaced = -1, string? replacement = null)
        => string.Join(", ", call.Parameters.Select((p, i) => p.Modifier + (i == replaced ? replacement : names[i])));

    private static IEnumerable<string> OutNames(CallDescription call, string[] names)
        => call.Parameters.Select((p, i) => (p, i)).Where(x => x.p.IsOut).Select(x => names[x.i]);

    /// <summary>The real call: straight to libc when the switch wraps its own native implementation (a static call the
    /// JIT can inline, instead of an interface dispatch whose call site every inner implementation in the process
    /// shares), through the inner implementation otherwise.</summary>
    private static string InnerCall(CallModel model, string arguments)
        => "(" + FieldReference("_native", model.ParameterNames) + " ? " + Libc + "." + model.Call.Name + "(" + arguments + ") : "
           + FieldReference("_inner", model.ParameterNames) + "." + model.Call.Name + "(" + arguments + "))";

    /// <summary>How a wrapper refers to one of the switch's fields: qualified with <c>this</c> only when a parameter
    /// of the same name would shadow it, so that ordinary output stays plain.</summary>
    private static string FieldReference(string field, EquatableArray<string> parameterNames)
        => parameterNames.Contains(field) ? "this." + field : field;

    /// <summary>A local's name that no parameter already uses.</summary>
    private static string UniqueName(string preferred, IEnumerable<string> taken)
    {
        var names = new HashSet<string>(taken);
        string name = preferred;
        while (names.Contains(name))
        {
            name += "_";
        }

        return name;
    }
}
