using System.IO;
using Xunit;

namespace DocRecipes;

/// <summary>The docs print only code that this project (or a sample named below) compiles and runs: each ```csharp
/// block of the three docs is a recipe region of the source, the same text, or a fragment with a reason.</summary>
public class DocsMatchRecipes
{
    /// <summary>The docs whose blocks are checked.</summary>
    public static readonly string[] Docs = ["README.md", "docs/test-kit.md", "docs/process-sockets.md"];

    [Fact]
    public void EveryCsharpBlockOfTheDocsIsARecipeRegionOrAFragment()
    {
        var blocks = Docs.SelectMany(doc => DocText.Blocks(doc, File.ReadAllText(Path.Combine(Repository.Root, doc)))).ToList();

        var problems = DocCheck.Problems(blocks, DocText.RepositoryRegions());

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) between the docs and their recipes:\n\n"
            + string.Join("\n\n", problems) + "\n\n" + DocCheck.HowTo);
        Assert.True(blocks.Count >= 30, $"only {blocks.Count} csharp blocks found in {string.Join(", ", Docs)}: is the fence parser broken?");
    }

    [Theory]
    [InlineData("test-kit/nunit", "samples/NUnitRecipe.Tests/DialerTests.cs")]
    [InlineData("test-kit/mstest", "samples/MSTestRecipe.Tests/DialerTests.cs")]
    public void TheNUnitAndMSTestRecipesAreTheFixturesOfTheirSamples(string region, string file)
    {
        var found = Assert.Single(DocText.RepositoryRegions(), r => r.Name == region);

        Assert.Equal(file, found.File);
    }

    [Fact]
    public void ABlockWithNoMarkerIsReportedWithItsDocLineAndWhatToDo()
    {
        var blocks = DocText.Blocks("docs/x.md", "# X\n\ntext\n```csharp\nvar a = 1;\n```\n");

        var problem = Assert.Single(DocCheck.Problems(blocks, []));

        Assert.StartsWith("docs/x.md:4: the ```csharp block is neither a recipe nor a fragment", problem);
        Assert.Contains("<!-- recipe: <name> -->", problem);
        Assert.Contains("<!-- fragment: <reason> -->", problem);
    }

    [Fact]
    public void ARecipeMustEqualItsRegionAfterDedentingAndEveryRegionMustBeUsed()
    {
        const string Doc = "<!-- recipe: x/a -->\n```csharp\nvar a = 1;\nvar b = 2;\n```\n\n<!-- recipe: x/b -->\n   ```csharp\n   if (a)\n   {\n       b();\n   }\n   ```\n";
        const string Source = "class C\n{\n    void M()\n    {\n        // begin-doc: x/a\n        var a = 1;\n        var b = 3;\n        // end-doc\n        // begin-doc: x/b\r\n        if (a)  \r\n        {\r\n            b();\r\n        }\r\n        // end-doc\n        // begin-doc: x/c\n        // end-doc\n    }\n}\n";

        var problems = DocCheck.Problems(DocText.Blocks("d.md", Doc), DocText.Regions("s.cs", Source));

        Assert.Equal(
        [
            "d.md:2: the block differs from region 'x/a' (s.cs:5): line 2 of the block is `var b = 2;`, the region's is `var b = 3;`. Change the doc or the region (and the test's assertions) so the two are the same text.",
            "s.cs:15: region 'x/c' is no doc block's recipe: mark the block it prints with `<!-- recipe: x/c -->`, or remove the `// begin-doc`/`// end-doc` comments.",
        ], problems);
    }

    [Fact]
    public void AFragmentNeedsAReasonAndARecipeARegion()
    {
        const string Doc = "<!-- fragment: a signature listing -->\n```csharp\nint F();\n```\n<!-- fragment: -->\n```csharp\nint G();\n```\n<!-- recipe: nowhere -->\n```csharp\nint H();\n```\n";

        var problems = DocCheck.Problems(DocText.Blocks("d.md", Doc), []);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("d.md:6: `<!-- fragment: -->` needs a reason", problems[0]);
        Assert.StartsWith("d.md:10: the block is marked `<!-- recipe: nowhere -->` but no source file has `// begin-doc: nowhere`", problems[1]);
    }
}
