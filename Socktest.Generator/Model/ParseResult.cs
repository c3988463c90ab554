namespace Socktest.Generator.Model;

/// <summary>What the parser made of one attributed interface: a model to emit (absent when there are errors)
/// and the diagnostics to report.</summary>
internal sealed record ParseResult(SwitchModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
