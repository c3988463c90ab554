using Microsoft.CodeAnalysis.CSharp;

namespace Socktest.Generator.Emitter;

internal static class Identifier
{
    /// <summary>Prefixes '@' to a name that is a C# keyword, so that a parameter named <c>@event</c> stays valid.</summary>
    public static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
