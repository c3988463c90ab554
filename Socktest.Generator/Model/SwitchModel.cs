namespace Socktest.Generator.Model;

/// <summary>Everything the emitter needs for one [SocketSyscalls] interface. Plain values only.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The types the interface is nested in, outermost first.</param>
/// <param name="InterfaceName">The interface's name.</param>
/// <param name="FullyQualifiedInterfaceName">The interface's name with <c>global::</c> and its containers.</param>
/// <param name="Accessibility">The interface's accessibility keywords, which the switch shares.</param>
/// <param name="SwitchName">The switch class's name.</param>
/// <param name="Calls">The declared calls, in declaration order.</param>
/// <param name="HintName">The generated file's name.</param>
internal sealed record SwitchModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string InterfaceName,
    string FullyQualifiedInterfaceName,
    string Accessibility,
    string SwitchName,
    EquatableArray<CallModel> Calls,
    string HintName);
