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

/// <summary>Chooses the switch class's name and checks that it can be declared where the interface is.</summary>
internal static partial class InterfaceParser
{
    private const string SwitchNameProperty = "SwitchName";

    /// <summary>The switch's own nested class; a switch of the same name would be a member named like its type.</summary>

    private static string ResolveSwitchName(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var (explicitName, argumentLocation) = ExplicitSwitchName(attributes, cancellationToken);
        string name = explicitName ?? DefaultSwitchName(symbol.Name);
        var location = argumentLocation ?? LocationInfo.From(symbol.Locations.FirstOrDefault());

        if (explicitName is not null && !IsValidClassName(explicitName))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidSwitchName, location, explicitName, symbol.Name));
            return name;
        }

        if (CollisionOf(symbol, name) is { } collision)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.SwitchNameCollision, location, name, symbol.Name, collision));
        }

        return name;
    }

    /// <summary>The first SwitchName given on the attribute, and where its value is written. <c>SwitchName = null</c>
    /// means the default name; an empty string is kept, to be reported as invalid.</summary>
    private static (string? Name, LocationInfo? Location) ExplicitSwitchName(ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        foreach (var attribute in attributes)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == SwitchNameProperty && argument.Value.Value is string name)
                {
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                    var expression = syntax?.ArgumentList?.Arguments
                        .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == SwitchNameProperty)?.Expression;
                    return (name, LocationInfo.From(expression?.GetLocation() ?? syntax?.GetLocation()));
                }
            }
        }

        return (null, null);
    }

    private static string DefaultSwitchName(string interfaceName)
    {
        string baseName = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName;
        return baseName + "Switch";
    }

    /// <summary>An identifier as written in source, that is no keyword, contextual ones included (a class named
    /// <c>record</c> or <c>var</c> is an error or a trap).</summary>
    private static bool IsValidClassName(string name)
        => SyntaxFacts.IsValidIdentifier(name)
           && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
           && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>What the switch's name would clash with in the interface's container, described for the message, or
    /// <see langword="null"/>. The switch is generated whole, so any existing type, namespace or member of that name
    /// is a clash, partial classes included.</summary>
    private static string? CollisionOf(INamedTypeSymbol symbol, string name)
    {
        if (name == GeneratedNames.NativeCallsClass)
        {
            return "the class '" + GeneratedNames.NativeCallsClass + "' that Socktest nests inside the switch";
        }

        for (var container = symbol.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.Name == name)
            {
                return "its containing type '" + container.ToDisplayString() + "'";
            }
        }

        INamespaceOrTypeSymbol scope = (INamespaceOrTypeSymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
        var existing = scope.GetMembers(name).FirstOrDefault(member => member is not INamedTypeSymbol { Arity: > 0 });
        return existing switch
        {
            null => null,
            INamespaceSymbol ns => "the namespace '" + ns.ToDisplayString() + "'",
            INamedTypeSymbol type => "the existing type '" + type.ToDisplayString() + "'",
            _ => "the member '" + existing.ToDisplayString() + "'",
        };
    }
}
