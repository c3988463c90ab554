namespace Socktest.Generator.Model;

/// <summary>One declared call: which known call it is and the parameter names the user gave it.</summary>
internal sealed record CallModel(CallDescription Call, EquatableArray<string> ParameterNames);
