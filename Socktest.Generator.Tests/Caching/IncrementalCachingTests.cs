using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Socktest.Generator;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Caching;

/// <summary>The pipeline caches: unrelated edits produce nothing new, and an edit to one attributed interface
/// regenerates only that interface's file.</summary>
public class IncrementalCachingTests
{
    private const string FirstInterface = """
        using System;
        using Socktest;

        namespace Demo;

        [SocketSyscalls]
        public partial interface IDialCalls
        {
            int Socket(int family, int type, int protocol);
            int Connect(int fd, ReadOnlySpan<byte> address);
            int Close(int fd);
        }
        """;

    private const string SecondInterface = """
        using System;
        using Socktest;

        namespace Demo;

        [SocketSyscalls]
        public partial interface IServerCalls
        {
            int Socket(int family, int type, int protocol);
            int Listen(int fd, int backlog);
            int Close(int fd);
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        public static class Arithmetic
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static readonly string[] TrackedSteps = [SocketSyscallsGenerator.Steps.Parse, SocketSyscallsGenerator.Steps.Models];

    [Fact]
    public void AddingAnUnrelatedFileProducesNothingNew()
    {
        var (driver, compilation) = WarmDriver();

        var edited = compilation.AddSyntaxTrees(Parse("namespace Demo; public sealed class Extra { }", "Extra.cs"));
        var result = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertNothingRegenerated(result);
    }

    [Fact]
    public void ChangingAMethodBodyElsewhereProducesNothingNew()
    {
        var (driver, compilation) = WarmDriver();

        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Unrelated.cs");
        var edited = compilation.ReplaceSyntaxTree(old, Parse(Unrelated.Replace("value * 2", "value + value", System.StringComparison.Ordinal), "Unrelated.cs"));
        var result = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertNothingRegenerated(result);
    }

    [Fact]
    public void EditingOneInterfaceRegeneratesOnlyItsOutput()
    {
        var (driver, compilation) = WarmDriver();
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == "First.cs");
        string withAccept = FirstInterface.Replace("int Close(int fd);", "int Close(int fd);\n    int Accept(int fd, Span<byte> address, out int addressLength);", System.StringComparison.Ordinal);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, Parse(withAccept, "First.cs")), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var models = Reasons(result.TrackedSteps[SocketSyscallsGenerator.Steps.Models]);
        Assert.Equal(1, models.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(IsCachedOrUnchanged));

        // Exactly one generated file (the edited interface's) comes out of a fresh run of the output step.
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Contains(sourceOutputs, output => output.Reason == IncrementalStepRunReason.Modified);
        var after = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(before["Demo.IServerCalls.SocketSyscalls.g.cs"], after["Demo.IServerCalls.SocketSyscalls.g.cs"]);
        Assert.NotEqual(before["Demo.IDialCalls.SocketSyscalls.g.cs"], after["Demo.IDialCalls.SocketSyscalls.g.cs"]);
        var secondModel = result.TrackedSteps[SocketSyscallsGenerator.Steps.Models]
            .SelectMany(step => step.Outputs)
            .Single(output => output.Value.ToString()!.Contains("IServerCalls", System.StringComparison.Ordinal));
        Assert.True(IsCachedOrUnchanged(secondModel.Reason), $"IServerCalls's model was {secondModel.Reason}");
    }

    private static (GeneratorDriver Driver, Compilation Compilation) WarmDriver()
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [Parse(FirstInterface, "First.cs"), Parse(SecondInterface, "Second.cs"), Parse(Unrelated, "Unrelated.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        return (driver, compilation);
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    private static void AssertNothingRegenerated(GeneratorRunResult result)
    {
        Assert.Null(result.Exception);
        foreach (string name in TrackedSteps)
        {
            var reasons = Reasons(result.TrackedSteps[name]);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(IsCachedOrUnchanged(reason), $"{name}: {reason}"));
        }

        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(IsCachedOrUnchanged(output.Reason), $"source output: {output.Reason}"));
        Assert.Equal(2, result.GeneratedSources.Length);
    }

    private static List<IncrementalStepRunReason> Reasons(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();

    private static bool IsCachedOrUnchanged(IncrementalStepRunReason reason)
        => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;
}
