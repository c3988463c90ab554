using Microsoft.CodeAnalysis;
using Socktest.Generator.Emitter;
using Socktest.Generator.Pipeline;

namespace Socktest.Generator;

/// <summary>
/// Generates, for each partial interface marked [SocketSyscalls], a switch that wraps the socket calls with
/// Go socktest's filters, statistics and socket table, and a static <c>Native</c> passthrough to libc.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SocketSyscallsGenerator : IIncrementalGenerator
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeName = "Socktest.SocketSyscallsAttribute";

    /// <summary>Tracking names of the pipeline's steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        /// <summary>The parse of each attributed interface into a model and diagnostics.</summary>
        public const string Parse = "Socktest.Parse";

        /// <summary>The models that have output.</summary>
        public const string Models = "Socktest.Models";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.InterfaceDeclarationSyntax,
                transform: static (ctx, token) => InterfaceParser.Parse(ctx, token))
            .Where(static result => result is not null)
            .WithTrackingName(Steps.Parse);

        context.RegisterSourceOutput(results, static (spc, result) =>
        {
            foreach (var diagnostic in result!.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = results
            .Select(static (result, _) => result!.Model)
            .Where(static model => model is not null)
            .WithTrackingName(Steps.Models);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(model!.HintName, SwitchEmitter.Emit(model)));
    }
}
