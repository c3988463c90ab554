namespace Socktest.Generator.Model;

/// <summary>A type the interface is nested in, as a partial declaration must repeat it
/// (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>, and its name with type parameters).</summary>
/// <param name="IsRefStruct">Every part of a ref struct must say <c>ref</c>, so the generated part does too.</param>
internal sealed record ContainingTypeModel(string Keyword, string NameWithTypeParameters, bool IsRefStruct);
