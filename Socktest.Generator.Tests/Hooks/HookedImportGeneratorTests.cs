using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Socktest.Generator.Hooks;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Hooks;

/// <summary>The hook's plumbing is written from its call structs: an entry point, a saved original and a place in
/// the import list per <c>[HookedImport]</c> struct, and nothing at all in a build that has none (a user's).</summary>
public class HookedImportGeneratorTests
{
    private const string Plumbing = """
        using System;
        namespace Socktest.ProcessHooks
        {
            [AttributeUsage(AttributeTargets.Struct)]
            internal sealed class HookedImportAttribute(string importName) : Attribute
            {
                public string ImportName => importName;
                public bool ReturnsSize { get; init; }
            }

            internal interface IHookedCall { }

            [HookedImport("send", ReturnsSize = true)]
            internal readonly unsafe struct SendCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall { }

            [HookedImport("getaddrinfo")]
            internal readonly unsafe struct GetAddrInfoCall(byte* node, byte* service)
            {
                public int Invoke() => 0;
            }
        }
        """;

    [Fact]
    public void EachCallStructGetsAnEntryPointAnOriginalAndAPlaceInTheImportList()
    {
        string text = Generate(Plumbing);

        Assert.Contains("public static nint Send(int fd, byte* buffer, nuint length, int flags)", text);
        Assert.Contains("var call = new global::Socktest.ProcessHooks.SendCall(fd, buffer, length, flags);", text);
        Assert.Contains("return Switched(call, route);", text);
        Assert.Contains("public delegate* unmanaged<int, byte*, nuint, int, nint> SendFunction;", text);
        Assert.Contains("\"send\" => (nint)(delegate* unmanaged<int, byte*, nuint, int, nint>)&HookEntryPoints.Send,", text);

        // A struct that is not routed only forwards to its Invoke.
        Assert.Contains("public static int GetAddrInfo(byte* node, byte* service)", text);
        Assert.Contains("return new global::Socktest.ProcessHooks.GetAddrInfoCall(node, service).Invoke();", text);
        Assert.Contains("public static readonly string[] Names = new[] { \"getaddrinfo\", \"send\" };", text);
    }

    [Fact]
    public void TheOutputIsTheSameWhateverTheOrderOfTheFiles()
    {
        const string send = """
            namespace Socktest.ProcessHooks;
            [HookedImport("sendto", ReturnsSize = true)]
            internal readonly unsafe struct SendtoCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall { }
            """;
        const string close = """
            namespace Socktest.ProcessHooks;
            [HookedImport("close")]
            internal readonly struct CloseCall(int fd) : IHookedCall { }
            """;

        Assert.Equal(Generate(Plumbing, send, close), Generate(close, Plumbing, send));
    }

    [Fact]
    public void ABuildWithoutCallStructsGetsNothing()
    {
        var compilation = GeneratorHarness.Compile("namespace User { public struct SendCall { } }");
        var run = CSharpGeneratorDriver.Create(new HookedImportGenerator()).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();

        Assert.Empty(run.GeneratedTrees);
    }

    private static string Generate(params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(new CSharpParseOptions(LanguageVersion.Latest), sources);
        var run = CSharpGeneratorDriver.Create(new HookedImportGenerator()).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        return Assert.Single(run.GeneratedTrees).ToString();
    }
}
