using System.Collections.Generic;
using System.Linq;
using Socktest.Generator.Model;

namespace Socktest.Generator.Emitter;

/// <summary>Writes one call's wrapper in the switch and its passthrough in the native implementation.</summary>
internal static class CallEmitter
{
    private const string Core = "global::Socktest.Infrastructure.SwitchCore";
    private const string Disposition = "global::Socktest.Infrastructure.CallDisposition";
    private const string Libc = "global::Socktest.Interop.Libc";

    public static void WriteSwitchMethod(IndentedWriter writer, CallModel call)
    {
        var p = call.ParameterNames.Select(Identifier.Escape).ToArray();
        string arguments = Arguments(call.Kind, p);
        string locals = UniqueName("call", call.ParameterNames);
        string core = FieldReference("_core", call.ParameterNames);
        string innerField = FieldReference("_inner", call.ParameterNames);

        writer.Line("/// <inheritdoc/>");
        using (writer.Block("public int " + call.Kind + "(" + Parameters(call.Kind, p) + ")"))
        {
            if (call.Kind == CallKind.Socket)
            {
                using (writer.Block("if (!" + core + ".BeginSocket(" + string.Join(", ", p) + ", out var " + locals + "))"))
                {
                    writer.Line("return " + Core + ".Cancel(in " + locals + ");");
                }

                writer.Line();
                writer.Line("return " + core + ".EndSocket(ref " + locals + ", " + innerField + ".Socket(" + arguments + "));");
                return;
            }

            string filterType = call.Kind is CallKind.Accept or CallKind.Accept4 ? "Accept" : call.Kind.ToString();
            string? outName = call.Kind switch
            {
                CallKind.Accept or CallKind.Accept4 => p[2],
                CallKind.GetsockoptInt => p[3],
                _ => null,
            };

            using (writer.Block("switch (" + core + ".Begin(global::Socktest.FilterType." + filterType + ", " + p[0] + ", out var " + locals + "))"))
            {
                writer.Line("case " + Disposition + ".PassThrough:");
                writer.Indent();
                writer.Line("return " + innerField + "." + call.Kind + "(" + arguments + ");");
                writer.Outdent();
                writer.Line("case " + Disposition + ".Cancelled:");
                writer.Indent();
                if (outName is not null)
                {
                    writer.Line(outName + " = 0;");
                }

                writer.Line("return " + Core + ".Cancel(in " + locals + ");");
                writer.Outdent();
                writer.Line("default:");
                writer.Indent();
                string end = call.Kind switch
                {
                    CallKind.Accept or CallKind.Accept4 => "EndAccept(ref " + locals + ", ",
                    CallKind.GetsockoptInt => "EndGetsockoptInt(ref " + locals + ", ",
                    _ => "End" + call.Kind + "(ref " + locals + ", ",
                };
                string inner = innerField + "." + call.Kind + "(" + arguments + ")";
                if (outName is null)
                {
                    writer.Line("return " + core + "." + end + inner + ");");
                }
                else
                {
                    string result = UniqueName("result", call.ParameterNames);
                    string tail = call.Kind == CallKind.GetsockoptInt ? ", " + p[2] + ", " + outName + ");" : ");";
                    writer.Line("int " + result + " = " + inner + ";");
                    writer.Line(result + " = " + core + "." + end + result + tail);
                    writer.Line(outName + " = " + result + " < 0 ? 0 : " + outName + ";");
                    writer.Line("return " + result + ";");
                }

                writer.Outdent();
            }
        }
    }

    public static void WriteNativeMethod(IndentedWriter writer, CallModel call)
    {
        var p = call.ParameterNames.Select(Identifier.Escape).ToArray();
        writer.Line("public int " + call.Kind + "(" + Parameters(call.Kind, p) + ")");
        writer.Indent();
        writer.Line("=> " + Libc + "." + call.Kind + "(" + Arguments(call.Kind, p) + ");");
        writer.Outdent();
    }

    private static string Parameters(CallKind kind, string[] p) => kind switch
    {
        CallKind.Socket => $"int {p[0]}, int {p[1]}, int {p[2]}",
        CallKind.Connect => $"int {p[0]}, global::System.ReadOnlySpan<byte> {p[1]}",
        CallKind.Listen => $"int {p[0]}, int {p[1]}",
        CallKind.Accept => $"int {p[0]}, global::System.Span<byte> {p[1]}, out int {p[2]}",
        CallKind.Accept4 => $"int {p[0]}, global::System.Span<byte> {p[1]}, out int {p[2]}, int {p[3]}",
        CallKind.GetsockoptInt => $"int {p[0]}, int {p[1]}, int {p[2]}, out int {p[3]}",
        _ => $"int {p[0]}",
    };

    private static string Arguments(CallKind kind, string[] p) => kind switch
    {
        CallKind.Accept => $"{p[0]}, {p[1]}, out {p[2]}",
        CallKind.Accept4 => $"{p[0]}, {p[1]}, out {p[2]}, {p[3]}",
        CallKind.GetsockoptInt => $"{p[0]}, {p[1]}, {p[2]}, out {p[3]}",
        _ => string.Join(", ", p),
    };

    /// <summary>How a wrapper refers to one of the switch's fields: qualified with <c>this</c> only when a parameter
    /// of the same name would shadow it, so that ordinary output stays as plain as before.</summary>
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
