using System.Linq;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Generator;

/// <summary>The generated source for representative interfaces, against reviewed snapshots in Snapshots/.</summary>
public class SnapshotTests
{
    [Theory]
    [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
    public void GeneratedSourceMatchesSnapshot(string name)
    {
        var (output, diagnostics, run) = GeneratorHarness.Run(SnapshotCases.Sources[name]);

        Assert.Empty(diagnostics);
        var generated = Assert.Single(Assert.Single(run.Results).GeneratedSources);
        Snapshot.Match(name, generated.SourceText.ToString());
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        string source = SnapshotCases.Sources["AllSevenCalls"];
        string first = GeneratorHarness.Run(source).Run.Results[0].GeneratedSources[0].SourceText.ToString();
        string second = GeneratorHarness.Run(source).Run.Results[0].GeneratedSources[0].SourceText.ToString();
        Assert.Equal(first, second);
    }

    [Fact]
    public void MismatchNamesTheFirstDifferingLine()
    {
        string message = Snapshot.FirstDifference("a\nb\nc", "a\nx\nc");
        Assert.Contains("line 2", message);
        Assert.Contains("expected: b", message);
        Assert.Contains("actual:   x", message);
    }
}
