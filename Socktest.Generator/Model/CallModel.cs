namespace Socktest.Generator.Model;

/// <summary>One declared call: which of the seven it is and the parameter names the user gave it.</summary>
internal sealed record CallModel(CallKind Kind, EquatableArray<string> ParameterNames);
