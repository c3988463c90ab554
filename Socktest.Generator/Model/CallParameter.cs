namespace Socktest.Generator.Model;

/// <summary>The type a call's parameter must have: <c>int</c>, or a span of bytes.</summary>
internal enum ParameterType
{
    Int,
    Span,
    ReadOnlySpan,
}

/// <summary>One parameter of a known call: its type, whether it is <c>out</c>, and the name messages use for it.</summary>
/// <param name="DefaultName">The name in messages and in the documented signature.</param>
/// <param name="Type">The parameter's type.</param>
/// <param name="IsOut">Whether the parameter is <c>out</c>.</param>
internal sealed record CallParameter(string DefaultName, ParameterType Type, bool IsOut)
{
    /// <summary>The type as a user writes it, for messages: <c>int</c>, <c>Span&lt;byte&gt;</c>.</summary>
    public string TypeName => Type switch
    {
        ParameterType.Span => "Span<byte>",
        ParameterType.ReadOnlySpan => "ReadOnlySpan<byte>",
        _ => "int",
    };

    /// <summary>The type as generated code writes it, fully qualified.</summary>
    public string QualifiedTypeName => Type == ParameterType.Int ? "int" : "global::System." + TypeName;

    /// <summary>The span's type name (<c>Span</c>, <c>ReadOnlySpan</c>), or <see langword="null"/> for <c>int</c>.</summary>
    public string? SpanName => Type == ParameterType.Int ? null : Type.ToString();

    /// <summary>The <c>out </c> modifier or nothing, as written before the type or an argument.</summary>
    public string Modifier => IsOut ? "out " : string.Empty;
}
