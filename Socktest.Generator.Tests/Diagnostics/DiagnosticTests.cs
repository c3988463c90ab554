using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Socktest.Tests.Generator;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Diagnostics;

/// <summary>Each diagnostic: its ID, severity, exact span and message; and silence for valid declarations.</summary>
public class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.Names), MemberType = typeof(DiagnosticCases))]
    public void ReportsTheDiagnosticAtTheMarkedSpan(string name)
    {
        var diagnosticCase = DiagnosticCases.All[name];
        var source = MarkedSource.Parse(DiagnosticCases.WithPrologue(diagnosticCase, diagnosticCase.MarkedSource));
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(diagnosticCase.LanguageVersion);

        var (output, diagnostics, run) = GeneratorHarness.Run(options, source.Text);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(diagnosticCase.Id, diagnostic.Id);
        Assert.Equal(diagnosticCase.Severity, diagnostic.Severity);
        Assert.Equal(diagnosticCase.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.MarkedText, source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Equal($"https://github.com/socktest/socktest/blob/main/docs/diagnostics.md#{diagnosticCase.Id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);

        var generated = Assert.Single(run.Results).GeneratedSources;
        if (diagnosticCase.GeneratesOutput)
        {
            Assert.Single(generated);
            Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        }
        else
        {
            Assert.Empty(generated);
        }
    }

    [Fact]
    public void EveryDeclaredIdHasACase()
    {
        var covered = DiagnosticCases.All.Values.Select(c => c.Id).ToHashSet();
        var uncovered = DescriptorTable.All().Select(d => d.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(uncovered.Count == 0, "No diagnostic case for " + string.Join(", ", uncovered));
    }

    [Theory]
    [MemberData(nameof(SnapshotCases.Names), MemberType = typeof(SnapshotCases))]
    public void ValidDeclarationsGetNoDiagnostics(string name)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(SnapshotCases.Sources[name]);

        Assert.Empty(diagnostics);
        Assert.DoesNotContain(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void AnInterfaceWithErrorsGetsNoOutputAndTheOthersStillDo()
    {
        const string broken = """
            using Socktest;

            namespace Demo;

            [SocketSyscalls]
            public interface IBrokenCalls
            {
                int Close(int fd);
            }
            """;
        const string fine = """
            using Socktest;

            namespace Demo;

            [SocketSyscalls]
            public partial interface IFineCalls
            {
                int Close(int fd);
            }
            """;

        var (_, diagnostics, run) = GeneratorHarness.Run(broken, fine);

        Assert.Equal("SOCKTEST001", Assert.Single(diagnostics).Id);
        var generated = Assert.Single(Assert.Single(run.Results).GeneratedSources);
        Assert.Equal("Demo.IFineCalls.SocketSyscalls.g.cs", generated.HintName);
    }

    [Fact]
    public void OutputCompilesAtTheOldestSupportedLanguageVersion()
    {
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8);
        var (output, diagnostics, _) = GeneratorHarness.Run(options, """
            using System;
            using Socktest;

            namespace Demo
            {
                [SocketSyscalls]
                public partial interface ISocketCalls
                {
                    int Socket(int family, int type, int protocol);
                    int Accept(int fd, Span<byte> address, out int addressLength);
                    int GetsockoptInt(int fd, int level, int option, out int value);
                    int Close(int fd);
                }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
