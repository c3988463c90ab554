using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Socktest.Generator;

namespace Socktest.Benchmarks;

/// <summary>Times the generator alone (GeneratorDriver.GetTimingInfo, not the compiler around it) on one workload,
/// cold (a fresh driver) and after an edit to a file with no attributed interface (the warm driver reruns).</summary>
internal sealed class GeneratorTiming(int interfaceCount, int unrelatedTypeCount, IReadOnlyList<MetadataReference> references, bool baseline = false)
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public int InterfaceCount => interfaceCount;

    /// <summary>Median elapsed generator time over <paramref name="runs"/> fresh drivers, each on a fresh compilation
    /// (a compilation binds lazily and keeps what it bound, so reusing one would flatter every run after the first).</summary>
    public TimeSpan Cold(int runs)
    {
        var trees = CreateCompilation().SyntaxTrees.ToList();
        return Median(Enumerable.Range(0, runs).Select(_ =>
        {
            var compilation = CSharpCompilation.Create("Workload", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var driver = CreateDriver().RunGenerators(compilation);
            AssertGenerated(driver);
            return driver.GetTimingInfo().ElapsedTime;
        }));
    }

    /// <summary>Median elapsed generator time for a run after a method body in an unrelated file changed, each
    /// edit different so that nothing is trivially the same compilation.</summary>
    public TimeSpan AfterUnrelatedEdit(int runs)
    {
        var compilation = CreateCompilation();
        var driver = CreateDriver().RunGenerators(compilation);
        var timings = new List<TimeSpan>();
        for (int run = 1; run <= runs; run++)
        {
            var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == WorkloadSources.UnrelatedEditPath);
            var (path, text) = WorkloadSources.Unrelated(unrelatedTypeCount, bodyVariant: run).First();
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, ParseOptions, path));
            driver = driver.RunGenerators(compilation);
            AssertGenerated(driver);
            timings.Add(driver.GetTimingInfo().ElapsedTime);
        }

        return Median(timings);
    }

    private CSharpCompilation CreateCompilation()
        => CSharpCompilation.Create(
            "Workload",
            WorkloadSources.Interfaces(interfaceCount)
                .Concat(WorkloadSources.Unrelated(unrelatedTypeCount))
                .Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [baseline ? new BaselineGenerator().AsSourceGenerator() : new SocketSyscallsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions);

    private void AssertGenerated(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        if (baseline)
        {
            return;
        }

        if (result.Exception is not null || result.GeneratedSources.Length != interfaceCount || !result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"The workload with {interfaceCount} interfaces did not generate cleanly: {result.Exception?.Message ?? string.Join("; ", result.Diagnostics)}");
        }
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> timings)
    {
        var sorted = timings.OrderBy(t => t).ToList();
        return sorted[sorted.Count / 2];
    }
}
