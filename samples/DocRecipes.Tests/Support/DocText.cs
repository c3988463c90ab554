using System.IO;
using System.Text.RegularExpressions;

namespace DocRecipes.Support;

/// <summary>A ```csharp block of a Markdown document: where it is, what the line before its fence says about it, and
/// its text with the common indentation removed.</summary>
/// <param name="Doc">The document, relative to the repository's root.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Marker">The line before the fence, trimmed.</param>
/// <param name="Text">The block's lines, dedented, joined with <c>\n</c>.</param>
public sealed record DocBlock(string Doc, int Line, string Marker, string Text);

/// <summary>A recipe region of the source: the lines between <c>// begin-doc: name</c> and <c>// end-doc</c>.</summary>
/// <param name="Name">The region's name.</param>
/// <param name="File">The source file, relative to the repository's root.</param>
/// <param name="Line">The 1-based line of the <c>begin-doc</c> comment.</param>
/// <param name="Text">The region's lines, dedented, joined with <c>\n</c>.</param>
public sealed record DocRegion(string Name, string File, int Line, string Text);

/// <summary>Reads ```csharp blocks out of Markdown and recipe regions out of C# source, both normalised the same way:
/// line endings to <c>\n</c>, trailing white space dropped, the indentation common to the non-blank lines removed.</summary>
public static partial class DocText
{
    /// <summary>Every ```csharp block of <paramref name="markdown"/>, in order.</summary>
    public static IReadOnlyList<DocBlock> Blocks(string doc, string markdown)
    {
        var lines = SplitLines(markdown);
        var blocks = new List<DocBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            // Any fence opens a block that runs to the next closing fence; only csharp blocks are collected.
            int end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (trimmed == "```csharp" || trimmed == "```cs" || trimmed == "```c#")
            {
                string marker = i > 0 ? lines[i - 1].Trim() : "";
                blocks.Add(new DocBlock(doc, i + 1, marker, Dedent(lines[(i + 1)..Math.Min(end, lines.Length)])));
            }

            i = end;
        }

        return blocks;
    }

    /// <summary>Every recipe region of <paramref name="source"/>.</summary>
    /// <exception cref="FormatException">A region that does not end, or one inside another.</exception>
    public static IReadOnlyList<DocRegion> Regions(string file, string source)
    {
        var lines = SplitLines(source);
        var regions = new List<DocRegion>();
        for (int i = 0; i < lines.Length; i++)
        {
            var begin = BeginDoc().Match(lines[i]);
            if (!begin.Success)
            {
                if (EndDoc().IsMatch(lines[i]))
                {
                    throw new FormatException($"{file}:{i + 1}: `// end-doc` without a `// begin-doc: <name>` before it.");
                }

                continue;
            }

            int end = i + 1;
            while (end < lines.Length && !EndDoc().IsMatch(lines[end]))
            {
                if (BeginDoc().IsMatch(lines[end]))
                {
                    throw new FormatException($"{file}:{end + 1}: `// begin-doc` inside the region begun at line {i + 1}; end that one first with `// end-doc`.");
                }

                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: region '{begin.Groups[1].Value}' has no `// end-doc`.");
            }

            regions.Add(new DocRegion(begin.Groups[1].Value, file, i + 1, Dedent(lines[(i + 1)..end])));
            i = end;
        }

        return regions;
    }

    /// <summary>The recipe regions of every C# source file in the repository (build output left out).</summary>
    public static IReadOnlyList<DocRegion> RepositoryRegions()
    {
        var regions = new List<DocRegion>();
        foreach (string path in Directory.EnumerateFiles(Repository.Root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Repository.Relative(path);
            if (relative.Split('/').Any(part => part is "bin" or "obj" or "artifacts" or ".git"))
            {
                continue;
            }

            string source = File.ReadAllText(path);
            if (source.Contains("begin-doc", StringComparison.Ordinal))
            {
                regions.AddRange(Regions(relative, source));
            }
        }

        return regions;
    }

    /// <summary>Removes the indentation common to the non-blank lines, trailing white space, and blank lines at either
    /// end; joins with <c>\n</c>.</summary>
    public static string Dedent(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(line => line.TrimEnd()).ToList();
        while (trimmed.Count > 0 && trimmed[0].Length == 0)
        {
            trimmed.RemoveAt(0);
        }

        while (trimmed.Count > 0 && trimmed[^1].Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        int indent = trimmed.Where(line => line.Length > 0).Select(line => line.Length - line.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", trimmed.Select(line => line.Length == 0 ? line : line[indent..]));
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

    [GeneratedRegex(@"^\s*// begin-doc: (\S+)\s*$")]
    private static partial Regex BeginDoc();

    [GeneratedRegex(@"^\s*// end-doc\s*$")]
    private static partial Regex EndDoc();
}
