using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Generator;

/// <summary>The generated code compiles cleanly in a consumer with default settings: no unsafe code allowed,
/// warning level 9999, XML documentation diagnosed, and runtime marshalling disabled.</summary>
public class ConsumerCompileTests
{
    [Theory]
    [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
    public void GeneratedCodeHasNoWarnings(string name)
    {
        var (output, generatorDiagnostics, _) = GeneratorHarness.Run(
            SnapshotCases.Sources[name],
            "[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]");

        Assert.Empty(generatorDiagnostics);
        Assert.False(((CSharpCompilationOptions)output.Options).AllowUnsafe);
        var generatedTrees = output.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)).ToHashSet();
        Assert.NotEmpty(generatedTrees);

        var problems = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error
                        || (d.Severity == DiagnosticSeverity.Warning && generatedTrees.Contains(d.Location.SourceTree!)))
            .Select(d => d.ToString())
            .ToList();
        Assert.Empty(problems);
    }
}
