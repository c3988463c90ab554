using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Diagnostics;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>Checks on the interface declaration and the types it is nested in.</summary>
internal static partial class InterfaceParser
{
    /// <summary>The generated code puts a static property with a body on the interface and uses nullable
    /// annotations, both C# 8.</summary>
    private const LanguageVersion RequiredLanguageVersion = LanguageVersion.CSharp8;

    private static void CheckLanguageVersion(INamedTypeSymbol symbol, InterfaceDeclarationSyntax declaration, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: var version } && version < RequiredLanguageVersion)
        {
            diagnostics.Add(Diagnostic(
                DiagnosticDescriptors.LanguageVersionTooOld,
                nameLocation,
                symbol.Name,
                RequiredLanguageVersion.ToDisplayString(),
                version.ToDisplayString()));
        }
    }

    private static void CheckDeclaration(INamedTypeSymbol symbol, InterfaceDeclarationSyntax declaration, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InterfaceNotPartial, nameLocation, symbol.Name));
        }

        if (symbol.TypeParameters.Length > 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericInterface, nameLocation, symbol.Name));
        }

        if (symbol.IsFileLocal)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.FileLocalType, nameLocation, symbol.Name, symbol.Name));
        }

        // Reported at the base-list entry of whichever partial declaration names it.
        foreach (var baseInterface in symbol.Interfaces)
        {
            var baseType = symbol.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<InterfaceDeclarationSyntax>()
                .SelectMany(part => part.BaseList?.Types ?? default)
                .FirstOrDefault(type => NamesType(type, baseInterface));
            var location = LocationInfo.From(baseType?.GetLocation()) ?? nameLocation;
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.BaseInterface, location, symbol.Name, baseInterface.ToDisplayString()));
        }
    }

    /// <summary>Matches a base-list entry to a base interface by its simple name, which needs no semantic model.</summary>
    private static bool NamesType(BaseTypeSyntax baseType, INamedTypeSymbol type)
    {
        var name = baseType.Type;
        while (name is QualifiedNameSyntax qualified)
        {
            name = qualified.Right;
        }

        return name is AliasQualifiedNameSyntax alias
            ? alias.Name.Identifier.ValueText == type.Name
            : name is SimpleNameSyntax simple && simple.Identifier.ValueText == type.Name;
    }

    private static EquatableArray<ContainingTypeModel> ParseContainingTypes(INamedTypeSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var containers = new List<ContainingTypeModel>();
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            var location = LocationInfo.From(declarations.FirstOrDefault()?.Identifier.GetLocation());
            if (!declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContainingTypeNotPartial, location, type.Name, symbol.Name));
            }

            if (type.IsFileLocal)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.FileLocalType, location, type.Name, symbol.Name));
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
            containers.Add(new ContainingTypeModel(keyword, name, type.IsRefLikeType));
        }

        containers.Reverse();
        return containers.ToEquatableArray();
    }
}
