using System.Linq;
using Microsoft.CodeAnalysis;
using Socktest.Generator.Model;

namespace Socktest.Generator.Hooks;

/// <summary>Reads a <c>[HookedImport]</c> call struct into a <see cref="HookedImportModel"/>.</summary>
internal static class HookedImportParser
{
    private const string CallSuffix = "Call";
    private const string RoutedInterface = "Socktest.ProcessHooks.IHookedCall";

    public static HookedImportModel? Parse(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return null;
        }

        var attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string importName)
        {
            return null;
        }

        bool returnsSize = attribute.NamedArguments.Any(argument => argument.Key == "ReturnsSize" && argument.Value.Value is true);

        // The constructor that takes the native arguments: a struct's primary constructor, beside its parameterless one.
        var constructor = type.InstanceConstructors.OrderByDescending(candidate => candidate.Parameters.Length).FirstOrDefault();
        if (constructor is null)
        {
            return null;
        }

        var parameters = constructor.Parameters
            .Select(parameter => new HookedParameter(parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), parameter.Name))
            .ToEquatableArray();

        string entryName = type.Name.EndsWith(CallSuffix, System.StringComparison.Ordinal)
            ? type.Name.Substring(0, type.Name.Length - CallSuffix.Length)
            : type.Name;

        bool routed = type.AllInterfaces.Any(candidate => candidate.ToDisplayString() == RoutedInterface);
        return new HookedImportModel(
            importName,
            entryName,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            returnsSize ? "nint" : "int",
            parameters,
            routed);
    }
}
