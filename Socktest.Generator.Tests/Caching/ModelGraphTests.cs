using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Socktest.Generator;
using Socktest.Tests.Diagnostics;
using Socktest.Tests.Generator;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Caching;

/// <summary>The values that flow through the pipeline hold nothing that pins a compilation: no symbols, syntax,
/// semantic models, compilations or locations. Checked with <c>is</c>, so subclasses count too.</summary>
public class ModelGraphTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var source in SnapshotCases.Sources.Values)
        {
            data.Add(source);
        }

        // Cases with diagnostics carry LocationInfo values, which must be plain too.
        foreach (var diagnosticCase in DiagnosticCases.All.Values.Where(c => c.LanguageVersion == Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest))
        {
            data.Add(MarkedSource.Parse(DiagnosticCases.WithPrologue(diagnosticCase, diagnosticCase.MarkedSource)).Text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void PipelineValuesHoldNoCompilationObjects(string source)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source), TestContext.Current.CancellationToken);
        var result = driver.GetRunResult().Results.Single();

        var values = new[] { SocketSyscallsGenerator.Steps.Parse, SocketSyscallsGenerator.Steps.Models }
            .SelectMany(name => result.TrackedSteps.TryGetValue(name, out var steps) ? steps : [])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToList();
        Assert.NotEmpty(values);

        var problems = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values)
        {
            Walk(value, "model", visited, problems);
        }

        Assert.Empty(problems);
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> problems)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree)
        {
            problems.Add($"{path} is {value.GetType().FullName}");
            return;
        }

        // Equatable and immutable by construction; its internals are Roslyn's.
        if (value is DiagnosticDescriptor || !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            int index = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{index++}]", visited, problems);
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), path + "." + field.Name, visited, problems);
            }
        }
    }

    [Fact]
    public void TheWalkCatchesASymbol()
    {
        var problems = new List<string>();
        var symbol = GeneratorHarness.Compile("class C { }").GetTypeByMetadataName("C");
        Walk(new { Inner = new object[] { symbol! } }, "probe", new HashSet<object>(ReferenceEqualityComparer.Instance), problems);
        Assert.Single(problems);
    }
}
