using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>Turns one [SocketSyscalls] interface into a <see cref="SwitchModel"/> and diagnostics. The only code that
/// touches symbols and syntax; everything it returns is plain, equatable values, so that the pipeline caches.</summary>
/// <remarks>Split by concern: the declaration itself (this file and <c>.Declaration</c>), its members (<c>.Members</c>)
/// and the switch's name (<c>.SwitchName</c>).</remarks>
internal static partial class InterfaceParser
{
    public static ParseResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } symbol
            || context.TargetNode is not InterfaceDeclarationSyntax declaration
            || !IsPrimaryDeclaration(symbol, declaration, context.Attributes))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());

        CheckLanguageVersion(symbol, declaration, nameLocation, diagnostics);
        CheckDeclaration(symbol, declaration, nameLocation, diagnostics);
        var containingTypes = ParseContainingTypes(symbol, diagnostics, cancellationToken);
        var calls = ParseCalls(symbol, diagnostics, cancellationToken);
        bool closeDeclared = !symbol.GetMembers(CallTable.Close.Name).IsEmpty;
        string switchName = ResolveSwitchName(symbol, context.Attributes, diagnostics, cancellationToken);

        bool hasErrors = diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        CheckCallSet(symbol, calls, closeDeclared, hasErrors, nameLocation, diagnostics);

        SwitchModel? model = hasErrors
            ? null
            : new SwitchModel(
                NamespaceOf(symbol),
                containingTypes,
                symbol.Name,
                symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                AccessibilityOf(symbol.DeclaredAccessibility),
                switchName,
                calls.Select(call => call.Model).ToEquatableArray(),
                HintNameOf(symbol));

        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>A partial interface split across files is seen once per attributed declaration; only the one
    /// holding the interface's first [SocketSyscalls] (over all its parts, even when the attribute is wrongly
    /// repeated on several) produces output, so that no file is generated twice.</summary>
    private static bool IsPrimaryDeclaration(INamedTypeSymbol symbol, InterfaceDeclarationSyntax declaration, ImmutableArray<AttributeData> attributes)
    {
        var attributeClass = attributes.FirstOrDefault()?.AttributeClass;
        var first = symbol.GetAttributes()
            .FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))?
            .ApplicationSyntaxReference;
        if (first is null)
        {
            return true;
        }

        var owner = symbol.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .FirstOrDefault(node => node.SyntaxTree == first.SyntaxTree && node.Span.Contains(first.Span));
        return owner is null || owner == declaration;
    }

    private static string? NamespaceOf(INamedTypeSymbol symbol)
        => symbol.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted))
            : null;

    private static string AccessibilityOf(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };

    private static string HintNameOf(INamedTypeSymbol symbol)
    {
        string name = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_').ToArray());
        return safe + ".SocketSyscalls.g.cs";
    }

    private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor, location, arguments.ToEquatableArray());
}
