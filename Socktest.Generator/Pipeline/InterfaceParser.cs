using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Diagnostics;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>Turns one [SocketSyscalls] interface into a <see cref="SwitchModel"/> and diagnostics. The only code that
/// touches symbols and syntax.</summary>
internal static class InterfaceParser
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

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InterfaceNotPartial, nameLocation, symbol.Name));
        }

        if (symbol.TypeParameters.Length > 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericInterface, nameLocation, symbol.Name));
        }

        var containingTypes = ParseContainingTypes(symbol, diagnostics, cancellationToken);
        var calls = ParseCalls(symbol, diagnostics, cancellationToken);

        SwitchModel? model = null;
        if (diagnostics.All(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error))
        {
            string? ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } containing
                ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted))
                : null;
            string switchName = SwitchNameOf(symbol, context.Attributes);
            model = new SwitchModel(
                ns,
                containingTypes,
                symbol.Name,
                symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                AccessibilityOf(symbol.DeclaredAccessibility),
                switchName,
                calls,
                HintNameOf(symbol));
        }

        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>A partial interface split across files is seen once per attributed declaration; only the one
    /// holding the first attribute produces output, so that no file is generated twice.</summary>
    private static bool IsPrimaryDeclaration(INamedTypeSymbol symbol, InterfaceDeclarationSyntax declaration, ImmutableArray<AttributeData> attributes)
    {
        var first = attributes.FirstOrDefault()?.ApplicationSyntaxReference;
        if (first is null)
        {
            return true;
        }

        var owner = symbol.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .FirstOrDefault(node => node.SyntaxTree == first.SyntaxTree && node.Span.Contains(first.Span));
        return owner is null || owner == declaration;
    }

    private static EquatableArray<ContainingTypeModel> ParseContainingTypes(INamedTypeSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var containers = new List<ContainingTypeModel>();
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (!declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                var location = declarations.FirstOrDefault()?.Identifier.GetLocation();
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(location), type.Name, symbol.Name));
            }

            string keyword = type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            string name = type.TypeParameters.Length == 0
                ? type.Name
                : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
            containers.Add(new ContainingTypeModel(keyword, name));
        }

        containers.Reverse();
        return containers.ToEquatableArray();
    }

    private static EquatableArray<CallModel> ParseCalls(INamedTypeSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var calls = new List<CallModel>();
        foreach (var member in symbol.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || member is INamedTypeSymbol)
            {
                continue;
            }

            var location = LocationInfo.From(member.Locations.FirstOrDefault());
            string? unsupported = member switch
            {
                IMethodSymbol { MethodKind: not MethodKind.Ordinary } => null, // accessors: reported with their property or event
                IMethodSymbol { IsStatic: true } => "static",
                IMethodSymbol { IsAbstract: false } => "a default-implemented method",
                IMethodSymbol => null,
                IPropertySymbol => "a property",
                IEventSymbol => "an event",
                IFieldSymbol => "a field",
                _ => "not a method",
            };
            if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            {
                continue;
            }

            if (unsupported is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMemberKind, location, member.Name, unsupported));
                continue;
            }

            var method = (IMethodSymbol)member;
            if (!KnownCalls.ByName.TryGetValue(method.Name, out var shape))
            {
                string suggestion = ClosestCallName(method.Name) is { } closest ? "; did you mean '" + closest + "'?" : string.Empty;
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnknownMember, location, method.Name, suggestion));
                continue;
            }

            if (!Matches(method, shape))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.WrongSignature, location, method.Name, shape.Describe()));
                continue;
            }

            calls.Add(new CallModel(shape.Kind, method.Parameters.Select(p => p.Name).ToEquatableArray()));
        }

        return calls.ToEquatableArray();
    }

    private static bool Matches(IMethodSymbol method, KnownCalls.CallShape shape)
    {
        if (method.ReturnType.SpecialType != SpecialType.System_Int32 || method.ReturnsByRef || method.ReturnsByRefReadonly
            || method.IsGenericMethod || method.Parameters.Length != shape.Parameters.Length)
        {
            return false;
        }

        for (int i = 0; i < shape.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var expected = shape.Parameters[i];
            var expectedRefKind = expected.IsOut ? RefKind.Out : RefKind.None;
            if (parameter.RefKind != expectedRefKind || parameter.IsParams || !IsType(parameter.Type, expected.TypeName))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsType(ITypeSymbol type, string expected) => expected switch
    {
        "int" => type.SpecialType == SpecialType.System_Int32,
        "ReadOnlySpan<byte>" => IsSpanOfByte(type, "ReadOnlySpan"),
        "Span<byte>" => IsSpanOfByte(type, "Span"),
        _ => false,
    };

    private static bool IsSpanOfByte(ITypeSymbol type, string name)
        => type is INamedTypeSymbol { Name: var typeName, TypeArguments.Length: 1 } named
           && named.TypeArguments[0].SpecialType == SpecialType.System_Byte
           && typeName == name
           && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    private static string SwitchNameOf(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "SwitchName" && argument.Value.Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }
        }

        string baseName = symbol.Name.Length > 1 && symbol.Name[0] == 'I' && char.IsUpper(symbol.Name[1])
            ? symbol.Name.Substring(1)
            : symbol.Name;
        return baseName + "Switch";
    }

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

    private static string? ClosestCallName(string name)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var known in KnownCalls.ByName.Keys)
        {
            int distance = EditDistance(name.ToLowerInvariant(), known.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }

        return bestDistance <= System.Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = System.Math.Min(System.Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor, location, arguments.ToEquatableArray());
}
