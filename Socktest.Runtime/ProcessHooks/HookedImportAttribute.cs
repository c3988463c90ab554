using System;

namespace Socktest.ProcessHooks;

/// <summary>
/// Marks a call struct as the process-wide hook of one C library function. Its constructor's parameters are the
/// function's native parameters; from it Socktest's generator writes the entry point put into the function's import
/// slot (<see cref="HookEntryPoints"/>, named as the struct less <c>Call</c>), the saved original
/// (<see cref="OriginalSocketCalls"/>, that name plus <c>Function</c>) and the import's place in
/// <see cref="HookedImports"/>. A struct that is an <see cref="IHookedCall"/> is routed to the switch that owns its
/// socket; any other has an <c>Invoke()</c> that the entry point returns.
/// </summary>
/// <param name="importName">The C library's symbol, as System.Native imports it.</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
internal sealed class HookedImportAttribute(string importName) : Attribute
{
    /// <summary>The C library's symbol, as System.Native imports it.</summary>
    public string ImportName => importName;

    /// <summary>Whether the function returns a size (<c>ssize_t</c>, as <c>nint</c>) rather than an <c>int</c>.</summary>
    public bool ReturnsSize { get; init; }
}
