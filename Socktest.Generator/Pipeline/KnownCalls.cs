using System.Collections.Generic;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>The seven socket calls and the signatures they must have.</summary>
internal static class KnownCalls
{
    /// <summary>A parameter's expected type and whether it is <c>out</c>: <c>int</c>, or a span of bytes named by
    /// <paramref name="SpanName"/> (<c>Span</c> or <c>ReadOnlySpan</c>).</summary>
    internal readonly record struct ParameterShape(string? SpanName, bool IsOut)
    {
        /// <summary>The type as written in C#, for messages.</summary>
        public string TypeName => SpanName is null ? "int" : SpanName + "<byte>";
    }

    /// <summary>One call's expected shape: parameters and the default parameter names used in messages.</summary>
    internal sealed record CallShape(CallKind Kind, ParameterShape[] Parameters, string[] DefaultNames)
    {
        public string Describe()
        {
            var parts = new List<string>();
            for (int i = 0; i < Parameters.Length; i++)
            {
                parts.Add((Parameters[i].IsOut ? "out " : string.Empty) + Parameters[i].TypeName + " " + DefaultNames[i]);
            }

            return "int " + Kind + "(" + string.Join(", ", parts) + ")";
        }
    }

    private static readonly ParameterShape Int = new(null, false);
    private static readonly ParameterShape OutInt = new(null, true);
    private static readonly ParameterShape ReadOnlyBytes = new("ReadOnlySpan", false);
    private static readonly ParameterShape Bytes = new("Span", false);

    public static readonly IReadOnlyDictionary<string, CallShape> ByName = new Dictionary<string, CallShape>
    {
        ["Socket"] = new(CallKind.Socket, [Int, Int, Int], ["family", "type", "protocol"]),
        ["Connect"] = new(CallKind.Connect, [Int, ReadOnlyBytes], ["fd", "address"]),
        ["Listen"] = new(CallKind.Listen, [Int, Int], ["fd", "backlog"]),
        ["Accept"] = new(CallKind.Accept, [Int, Bytes, OutInt], ["fd", "address", "addressLength"]),
        ["Accept4"] = new(CallKind.Accept4, [Int, Bytes, OutInt, Int], ["fd", "address", "addressLength", "flags"]),
        ["GetsockoptInt"] = new(CallKind.GetsockoptInt, [Int, Int, Int, OutInt], ["fd", "level", "option", "value"]),
        ["Close"] = new(CallKind.Close, [Int], ["fd"]),
    };
}
