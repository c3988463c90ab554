using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Diagnostics;

/// <summary>The descriptor table, the release-tracking files and docs/diagnostics.md agree on every ID.</summary>
public class DescriptorTableTests
{
    [Fact]
    public void IdsAreSequentialAndUnique()
    {
        var ids = DescriptorTable.All().Select(d => d.Id).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(n => $"SOCKTEST{n:000}"), ids);
    }

    [Fact]
    public void EveryDescriptorHasTitleCategoryAndHelpLink()
    {
        foreach (var descriptor in DescriptorTable.All())
        {
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), descriptor.Id);
            Assert.Equal("Socktest", descriptor.Category);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            Assert.EndsWith("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryIdIsTrackedAsUnshippedWithItsSeverity()
    {
        string unshipped = File.ReadAllText(Path.Combine(SourceTree.RepositoryRoot, "Socktest.Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in DescriptorTable.All())
        {
            Assert.Contains($"{descriptor.Id} | Socktest | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryIdIsDocumentedWithItsAnchor()
    {
        string docs = File.ReadAllText(Path.Combine(SourceTree.RepositoryRoot, "docs", "diagnostics.md"));
        foreach (var descriptor in DescriptorTable.All())
        {
            Assert.Contains($"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>", docs, StringComparison.Ordinal);
            Assert.Contains($"## {descriptor.Id}: ", docs, StringComparison.Ordinal);
            string severity = descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "Error" : "Warning";
            Assert.Contains($"| {descriptor.Id} | {severity} |", docs, StringComparison.Ordinal);
        }
    }
}
