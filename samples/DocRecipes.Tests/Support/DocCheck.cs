using System.Text;
using System.Text.RegularExpressions;

namespace DocRecipes.Support;

/// <summary>Holds ```csharp blocks to their recipe regions: each block is either a recipe, marked on the line before
/// its fence by <c>&lt;!-- recipe: name --&gt;</c> and equal to the region of that name, or a fragment, marked by
/// <c>&lt;!-- fragment: reason --&gt;</c>; every region is some block's recipe.</summary>
public static partial class DocCheck
{
    /// <summary>What a doc author reads when the check fails.</summary>
    public const string HowTo =
        "Every ```csharp block of README.md, docs/test-kit.md and docs/process-sockets.md is compiled and run by samples/DocRecipes.Tests. "
        + "For a block a user would paste, put `<!-- recipe: <name> -->` on the line before its fence, and the same code, "
        + "between `// begin-doc: <name>` and `// end-doc`, into a test of samples/DocRecipes.Tests that runs it against loopback sockets "
        + "and asserts what the doc says it does (the test may declare what the block uses around the region). "
        + "Only a block that cannot stand alone (a signature listing, a one-liner inside prose, a project-file snippet) may instead have "
        + "`<!-- fragment: <one-line reason> -->`.";

    /// <summary>Every problem found, each naming the doc and line of the block, or the file and line of the region.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<DocBlock> blocks, IReadOnlyList<DocRegion> regions)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, DocRegion>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if (!byName.TryAdd(region.Name, region))
            {
                var first = byName[region.Name];
                problems.Add($"{region.File}:{region.Line}: region '{region.Name}' is also begun at {first.File}:{first.Line}; give each region its own name.");
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            string where = $"{block.Doc}:{block.Line}";
            var recipe = Recipe().Match(block.Marker);
            var fragment = Fragment().Match(block.Marker);
            if (recipe.Success)
            {
                string name = recipe.Groups[1].Value;
                if (!used.Add(name))
                {
                    problems.Add($"{where}: recipe '{name}' marks another block too; each block needs a region of its own.");
                }

                if (!byName.TryGetValue(name, out var region))
                {
                    problems.Add($"{where}: the block is marked `<!-- recipe: {name} -->` but no source file has `// begin-doc: {name}`. "
                        + "Add the block's code between `// begin-doc: " + name + "` and `// end-doc` in a test of samples/DocRecipes.Tests.");
                }
                else if (Difference(block.Text, region.Text) is { } difference)
                {
                    problems.Add($"{where}: the block differs from region '{name}' ({region.File}:{region.Line}): {difference}. "
                        + "Change the doc or the region (and the test's assertions) so the two are the same text.");
                }
            }
            else if (fragment.Success)
            {
                if (fragment.Groups[1].Value.Trim().Length == 0)
                {
                    problems.Add($"{where}: `<!-- fragment: -->` needs a reason: say why the block cannot stand alone.");
                }
            }
            else
            {
                string before = block.Marker.Length == 0 ? "an empty line" : $"\"{block.Marker}\"";
                problems.Add($"{where}: the ```csharp block is neither a recipe nor a fragment (the line before its fence is {before}). "
                    + "Put `<!-- recipe: <name> -->` right before the fence and the same code between `// begin-doc: <name>` and `// end-doc` "
                    + "in a test of samples/DocRecipes.Tests, or `<!-- fragment: <reason> -->` if it cannot stand alone.");
            }
        }

        foreach (var region in regions.Where(region => !used.Contains(region.Name)))
        {
            problems.Add($"{region.File}:{region.Line}: region '{region.Name}' is no doc block's recipe: mark the block it prints with "
                + $"`<!-- recipe: {region.Name} -->`, or remove the `// begin-doc`/`// end-doc` comments.");
        }

        return problems;
    }

    /// <summary>The first line where <paramref name="doc"/> and <paramref name="region"/> differ, or null.</summary>
    public static string? Difference(string doc, string region)
    {
        if (doc == region)
        {
            return null;
        }

        string[] docLines = doc.Split('\n');
        string[] regionLines = region.Split('\n');
        for (int i = 0; i < Math.Max(docLines.Length, regionLines.Length); i++)
        {
            string? d = i < docLines.Length ? docLines[i] : null;
            string? r = i < regionLines.Length ? regionLines[i] : null;
            if (d != r)
            {
                var text = new StringBuilder($"line {i + 1} of the block");
                text.Append(d is null ? " is past its end" : $" is `{d}`");
                text.Append(r is null ? ", the region has ended" : $", the region's is `{r}`");
                return text.ToString();
            }
        }

        return "they differ";
    }

    [GeneratedRegex(@"^<!--\s*recipe:\s*(\S+)\s*-->$")]
    private static partial Regex Recipe();

    [GeneratedRegex(@"^<!--\s*fragment:(.*)-->$")]
    private static partial Regex Fragment();
}
