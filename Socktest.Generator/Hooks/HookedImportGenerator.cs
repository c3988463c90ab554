using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Model;

namespace Socktest.Generator.Hooks;

/// <summary>
/// Writes the process-wide hook's plumbing in Socktest.Runtime from its call structs (<c>[HookedImport]</c>, an
/// internal attribute of that assembly): one native entry point per intercepted C library function, the saved
/// original functions, and the list of imports to rewrite. A call struct is the one place a hooked call's native
/// shape is written. Nothing outside Socktest.Runtime declares the attribute, so in a user's build this generator
/// finds nothing and writes nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HookedImportGenerator : IIncrementalGenerator
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeName = "Socktest.ProcessHooks.HookedImportAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var imports = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is StructDeclarationSyntax,
                transform: static (ctx, _) => HookedImportParser.Parse(ctx))
            .Where(static model => model is not null)
            .Collect()
            .Select(static (models, _) =>
                models.Select(model => model!).OrderBy(model => model.ImportName, StringComparer.Ordinal).ToEquatableArray());

        context.RegisterSourceOutput(imports, static (spc, models) =>
        {
            if (models.Count > 0)
            {
                spc.AddSource("Socktest.ProcessHooks.HookPlumbing.g.cs", HookPlumbingEmitter.Emit(models));
            }
        });
    }
}
