using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Model;
using Socktest.Generator.Pipeline;
using Socktest.Tests.Diagnostics;
using Socktest.Tests.Robustness;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Generator;

/// <summary>
/// The parser reads plainly written interfaces from syntax, to keep an unrelated edit cheap, and everything else from
/// symbols. The symbol-based path is the reference: wherever the plain path answers, the answer must be the one the
/// reference gives, with no diagnostic.
/// </summary>
public class PlainCallsTests
{
    private const int RandomCases = 400;

    [Fact]
    public void PlainPathAnswersOnlyWhereItAgreesWithTheSymbolPath()
    {
        var inputs = SnapshotCases.Sources.Values.Select(source => new[] { source })
            .Concat(DiagnosticCases.All.Values.Select(c => new[] { DiagnosticCases.WithPrologue(c, MarkedSource.Parse(c.MarkedSource).Text) }))
            .Concat(RandomInputs());

        int interfaces = 0;
        int plainAnswers = 0;
        foreach (var sources in inputs)
        {
            var compilation = GeneratorHarness.Compile(sources);
            foreach (var (symbol, declaration, semanticModel) in Interfaces(compilation))
            {
                interfaces++;
                var plain = InterfaceParser.TryParsePlainCalls(symbol, declaration, semanticModel, default);
                if (plain is null)
                {
                    continue;
                }

                plainAnswers++;
                var diagnostics = new List<DiagnosticInfo>();
                var reference = InterfaceParser.ParseCalls(symbol, diagnostics, default);
                string context = $"interface {symbol.Name} in:\n{string.Join("\n// next file\n", sources)}";
                if (diagnostics.Count > 0)
                {
                    Assert.Fail($"The plain path accepted what the symbol path reports ({diagnostics[0].Descriptor.Id}): {context}");
                }

                Assert.True(
                    reference.Select(call => (call.Model, call.Location)).SequenceEqual(plain.Select(call => (call.Model, call.Location))),
                    $"The two paths read different calls: {context}");
            }
        }

        // Both outcomes must occur often, or the comparison proves little.
        Assert.InRange(plainAnswers, interfaces / 10, interfaces - (interfaces / 10));
    }

    [Fact]
    public void PlainPathLeavesAShadowedSpanToTheSymbolPath()
    {
        var compilation = GeneratorHarness.Compile("""
            using System;

            namespace App
            {
                public readonly struct Span<T> { }

                public partial interface ISocketCalls
                {
                    int Accept(int fd, Span<byte> address, out int addressLength);
                }
            }
            """);
        var (symbol, declaration, semanticModel) = Interfaces(compilation).Single();

        Assert.Null(InterfaceParser.TryParsePlainCalls(symbol, declaration, semanticModel, default));
    }

    private static IEnumerable<string[]> RandomInputs()
    {
        var declarations = new RandomDeclarations(seed: 7);
        for (int i = 0; i < RandomCases; i++)
        {
            yield return declarations.Next();
        }
    }

    private static IEnumerable<(INamedTypeSymbol Symbol, InterfaceDeclarationSyntax Declaration, SemanticModel Model)> Interfaces(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<InterfaceDeclarationSyntax>())
            {
                if (semanticModel.GetDeclaredSymbol(declaration) is INamedTypeSymbol symbol)
                {
                    yield return (symbol, declaration, semanticModel);
                }
            }
        }
    }
}
