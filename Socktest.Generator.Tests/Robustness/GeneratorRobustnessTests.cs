using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Robustness;

/// <summary>The generator survives hundreds of random and broken declarations, and whenever it reports no error
/// for an input that compiles, its output compiles too.</summary>
public class GeneratorRobustnessTests
{
    private const int Seed = 20240603;
    private const int Cases = 400;

    [Fact]
    public void NeverThrowsAndCleanInputsGiveCompilingOutput()
    {
        var declarations = new RandomDeclarations(Seed);
        var failures = new List<string>();
        int cleanCompiled = 0;
        int socktestErrors = 0;

        for (int i = 0; i < Cases; i++)
        {
            string[] sources = declarations.Next();
            var input = GeneratorHarness.Compile(sources);
            var (output, generatorDiagnostics, run) = GeneratorHarness.Run(input);
            var result = run.Results.Single();

            if (result.Exception is not null || generatorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                failures.Add($"case {i}: the generator threw {result.Exception}\n{string.Join("\n// next file\n", sources)}");
                continue;
            }

            bool reportedError = generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            socktestErrors += reportedError ? 1 : 0;
            if (reportedError || input.GetDiagnostics(TestContext.Current.CancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                continue;
            }

            cleanCompiled++;
            var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                failures.Add($"case {i}: output does not compile: {string.Join("; ", errors.Take(3))}\n{string.Join("\n// next file\n", sources)}\n// generated:\n{string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()))}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed; the first:\n{failures.FirstOrDefault()}");

        // The mix must exercise both sides, or the test proves little.
        Assert.InRange(cleanCompiled, Cases / 10, Cases);
        Assert.InRange(socktestErrors, Cases / 10, Cases);
    }
}
