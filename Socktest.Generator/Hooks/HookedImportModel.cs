using Socktest.Generator.Model;

namespace Socktest.Generator.Hooks;

/// <summary>One native parameter of a hooked import: its C# type as written in generated code, and its name.</summary>
/// <param name="Type">The fully qualified type (<c>int</c>, <c>byte*</c>, <c>global::Socktest.ProcessHooks.MessageHeader*</c>).</param>
/// <param name="Name">The parameter's name, as the call struct's constructor spells it.</param>
internal sealed record HookedParameter(string Type, string Name);

/// <summary>
/// One C library function the process-wide hook intercepts, read from a call struct marked
/// <c>[HookedImport]</c> in Socktest.Runtime: everything the hook's plumbing (entry point, saved original, import
/// list) needs, with no Roslyn object in it.
/// </summary>
/// <param name="ImportName">The C library's symbol, as System.Native imports it (<c>connect</c>).</param>
/// <param name="EntryName">The entry point's and saved function's name (<c>Connect</c>): the struct's name less
/// <c>Call</c>.</param>
/// <param name="CallType">The call struct, fully qualified.</param>
/// <param name="ResultType"><c>int</c>, or <c>nint</c> for a call that returns a size.</param>
/// <param name="Parameters">The native parameters, in order: the struct's constructor parameters.</param>
/// <param name="Routed">Whether the struct is an <c>IHookedCall</c>, routed to the switch that owns its socket; else
/// the entry point only forwards to its <c>Invoke</c>.</param>
internal sealed record HookedImportModel(
    string ImportName,
    string EntryName,
    string CallType,
    string ResultType,
    EquatableArray<HookedParameter> Parameters,
    bool Routed)
{
    /// <summary>The function pointer type of the import: <c>delegate* unmanaged&lt;int, byte*, uint, int&gt;</c>.</summary>
    public string FunctionPointerType
    {
        get
        {
            var types = new System.Collections.Generic.List<string>();
            foreach (var parameter in Parameters)
            {
                types.Add(parameter.Type);
            }

            types.Add(ResultType);
            return "delegate* unmanaged<" + string.Join(", ", types) + ">";
        }
    }
}
