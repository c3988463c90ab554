using Microsoft.CodeAnalysis;

namespace Socktest.Benchmarks;

/// <summary>The floor: the same attribute lookup as Socktest's generator, with a transform that does nothing. What
/// it costs is Roslyn's (binding the attribute in a new compilation), not Socktest's.</summary>
internal sealed class BaselineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Socktest.SocketSyscallsAttribute",
            predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.InterfaceDeclarationSyntax,
            transform: static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
