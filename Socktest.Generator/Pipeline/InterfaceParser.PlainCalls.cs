using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>
/// Recognises the calls from syntax when the interface is written the plain way: one declaration, only abstract
/// methods named like the calls, <c>int</c> and <c>out int</c> written as keywords, the spans as
/// <c>Span&lt;byte&gt;</c>/<c>ReadOnlySpan&lt;byte&gt;</c>.
/// </summary>
/// <remarks>
/// Why: <c>ForAttributeWithMetadataName</c> runs the parser again for every attributed interface whenever the
/// compilation changes, an edit elsewhere included, and asking the new compilation for the interface's method symbols
/// makes Roslyn create and check every member and bind every signature again (about 0.1 ms per interface). Here only
/// the span type names are bound, once per interface, so that a <c>Span</c> declared or imported by the user is still
/// told apart from <see cref="System.Span{T}"/>. Anything else, every declaration with an error among them, returns
/// <see langword="null"/> and goes to the symbol-based <see cref="ParseCalls"/>, which stays the reference: a test
/// checks that both give the same result wherever this one answers.
/// </remarks>
internal static partial class InterfaceParser
{
    internal static List<DeclaredCall>? TryParsePlainCalls(
        INamedTypeSymbol symbol,
        InterfaceDeclarationSyntax declaration,
        SemanticModel semanticModel,
        CancellationToken cancellationToken)
    {
        if (symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var calls = new List<DeclaredCall>(declaration.Members.Count);
        var seen = new HashSet<CallKind>();
        var spanChecks = new SpanChecks(semanticModel, cancellationToken);
        foreach (var member in declaration.Members)
        {
            if (member is not MethodDeclarationSyntax method
                || !IsPlainAbstractMethod(method)
                || !KnownCalls.ByName.TryGetValue(method.Identifier.ValueText, out var shape)
                || !seen.Add(shape.Kind)
                || method.ParameterList.Parameters.Count != shape.Parameters.Length)
            {
                return null;
            }

            var names = new string[shape.Parameters.Length];
            for (int i = 0; i < names.Length; i++)
            {
                var parameter = method.ParameterList.Parameters[i];
                if (!IsPlainParameter(parameter, shape.Parameters[i], ref spanChecks))
                {
                    return null;
                }

                names[i] = parameter.Identifier.ValueText;
            }

            calls.Add(new DeclaredCall(
                new CallModel(shape.Kind, names.ToEquatableArray()),
                LocationInfo.From(method.Identifier.GetLocation())));
        }

        return calls;
    }

    /// <summary><c>int Name(...);</c>, optionally <c>public</c> or <c>abstract</c>, and nothing else.</summary>
    private static bool IsPlainAbstractMethod(MethodDeclarationSyntax method)
    {
        foreach (var modifier in method.Modifiers)
        {
            if (!modifier.IsKind(SyntaxKind.PublicKeyword) && !modifier.IsKind(SyntaxKind.AbstractKeyword))
            {
                return false;
            }
        }

        return method.AttributeLists.Count == 0
               && method.ExplicitInterfaceSpecifier is null
               && method.TypeParameterList is null
               && method.ConstraintClauses.Count == 0
               && method.Body is null
               && method.ExpressionBody is null
               && !method.SemicolonToken.IsMissing
               && !method.Identifier.IsMissing
               && IsKeyword(method.ReturnType, SyntaxKind.IntKeyword)
               && !method.ContainsDiagnostics;
    }

    private static bool IsPlainParameter(ParameterSyntax parameter, KnownCalls.ParameterShape expected, ref SpanChecks spanChecks)
    {
        bool modifiersMatch = expected.IsOut
            ? parameter.Modifiers.Count == 1 && parameter.Modifiers[0].IsKind(SyntaxKind.OutKeyword)
            : parameter.Modifiers.Count == 0;
        if (!modifiersMatch || parameter.AttributeLists.Count > 0 || parameter.Default is not null || parameter.Identifier.IsMissing)
        {
            return false;
        }

        return expected.SpanName is { } spanName
            ? spanChecks.IsSpanOfByte(parameter.Type, spanName)
            : IsKeyword(parameter.Type, SyntaxKind.IntKeyword);
    }

    /// <summary><c>int</c> and <c>byte</c> written as keywords always mean System.Int32 and System.Byte, unlike a
    /// name, which the user may have declared or aliased.</summary>
    private static bool IsKeyword(TypeSyntax? type, SyntaxKind keyword)
        => type is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(keyword);

    /// <summary>Binds <c>Span</c> and <c>ReadOnlySpan</c> at most once each per interface: every method of one
    /// non-generic declaration sees the same names, so the first answer holds for the others.</summary>
    private struct SpanChecks(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        private bool? _span;
        private bool? _readOnlySpan;

        public bool IsSpanOfByte(TypeSyntax? type, string name)
        {
            if (type is not GenericNameSyntax generic
                || generic.Identifier.ValueText != name
                || generic.TypeArgumentList.Arguments.Count != 1
                || !IsKeyword(generic.TypeArgumentList.Arguments[0], SyntaxKind.ByteKeyword))
            {
                return false;
            }

            ref bool? known = ref name == "Span" ? ref _span : ref _readOnlySpan;
            known ??= semanticModel.GetTypeInfo(type, cancellationToken).Type is { } bound
                      && InterfaceParser.IsSpanOfByte(bound, name);
            return known.Value;
        }
    }
}
