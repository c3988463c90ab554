using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Socktest.Engine;
using Socktest.Generator.Model;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.Generator;

/// <summary>
/// The generator's one table of calls (<see cref="CallTable"/>) against everything outside the generator that must
/// agree with it: the libc wrappers the native passthrough calls, the engine's entry points the switch calls, the
/// filter types, the process-wide switch's interface and the README. A call described in one place and not in the
/// other fails here, before any generated code fails to compile in a user's project.
/// </summary>
public class CallTableTests
{
    public static TheoryData<string> Calls => new(CallTable.All.Select(call => call.Name));

    [Theory]
    [MemberData(nameof(Calls))]
    public void LibcHasTheCallWithTheSameSignature(string name)
    {
        var call = CallTable.ByName[name];
        var method = typeof(Libc).GetMethod(call.Name, BindingFlags.Public | BindingFlags.Static, ParameterTypes(call));

        Assert.True(method is not null, $"Socktest.Interop.Libc has no public static {call.Signature}");
        Assert.Equal(typeof(int), method!.ReturnType);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void TheEngineHasTheCallsBeginAndEnd(string name)
    {
        var call = CallTable.ByName[name];
        var byRefCall = typeof(SwitchCall).MakeByRefType();
        var begin = call.Opening switch
        {
            CallOpening.NewSocket => typeof(SwitchCore).GetMethod(nameof(SwitchCore.BeginSocket), [.. ParameterTypes(call), byRefCall]),
            CallOpening.Transfer => typeof(SwitchCore).GetMethod(nameof(SwitchCore.BeginTransfer), [typeof(FilterType), typeof(int), typeof(int), byRefCall]),
            _ => typeof(SwitchCore).GetMethod(nameof(SwitchCore.Begin), [typeof(FilterType), typeof(int), byRefCall]),
        };
        var endArguments = call.EndArguments.Select(index => typeof(int));
        var end = typeof(SwitchCore).GetMethod(call.EndMethod, [byRefCall, typeof(int), .. endArguments]);

        Assert.NotNull(begin);
        Assert.True(end is not null, $"SwitchCore has no public int {call.EndMethod}(ref SwitchCall, int{string.Concat(endArguments.Select(_ => ", int"))})");
        Assert.Equal(typeof(int), end!.ReturnType);
        Assert.True(Enum.TryParse<FilterType>(call.FilterType, out _), $"FilterType has no member {call.FilterType}");
        Assert.All(call.EndArguments, index => Assert.Equal(ParameterType.Int, call.Parameters[index].Type));
    }

    /// <summary>A data call names its buffer, and the engine can cut that buffer's type short.</summary>
    [Theory]
    [MemberData(nameof(Calls))]
    public void ADataCallsBufferIsASpanTheEngineCanCut(string name)
    {
        var call = CallTable.ByName[name];
        if (call.Opening != CallOpening.Transfer)
        {
            Assert.Equal(-1, call.BufferParameter);
            return;
        }

        var buffer = call.Parameters[call.BufferParameter];
        Assert.NotEqual(ParameterType.Int, buffer.Type);
        Assert.False(buffer.IsOut);
        var span = buffer.Type == ParameterType.Span ? typeof(Span<byte>) : typeof(ReadOnlySpan<byte>);
        var cut = typeof(SwitchCore).GetMethod(nameof(SwitchCore.Cut), [typeof(SwitchCall).MakeByRefType(), span]);
        Assert.True(cut is not null && cut.ReturnType == span, $"SwitchCore has no public static {span.Name} Cut(in SwitchCall, {span.Name})");
    }

    /// <summary>SOCKTEST004's message lists the calls, in the table's order.</summary>
    [Fact]
    public void TheUnknownMemberMessageListsEveryCall()
    {
        string format = Socktest.Generator.Diagnostics.DiagnosticDescriptors.UnknownMember.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("(" + string.Join(", ", CallTable.All.Select(call => call.Name)) + ")", format, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFilterTypeHasACallAndEachCallOnDescriptorStartsWithIt()
    {
        Assert.Equal(
            Enum.GetNames<FilterType>().OrderBy(n => n, StringComparer.Ordinal),
            CallTable.All.Select(call => call.FilterType).Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(
            CallTable.All.Where(call => call.Opening != CallOpening.NewSocket),
            call => Assert.Equal(("fd", ParameterType.Int, false), (call.Parameters[0].DefaultName, call.Parameters[0].Type, call.Parameters[0].IsOut)));
        Assert.Single(CallTable.All, call => call.ClosesDescriptor);
        Assert.Same(CallTable.Close, CallTable.All.Single(call => call.ClosesDescriptor));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void TheReadmeShowsTheCallsSignature(string name)
    {
        var call = CallTable.ByName[name];
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(Support.SourceTree.RepositoryRoot, "README.md"));

        Assert.Contains("    " + call.Signature + ";", readme, StringComparison.Ordinal);
    }

    /// <summary>Where the documentation speaks of the whole set of calls ("the eleven calls", "all eleven calls") it
    /// gives the table's count, and docs/diagnostics.md lists the table's signatures, in its order, and SOCKTEST004's
    /// list of names as the generator prints it.</summary>
    [Fact]
    public void TheDocsCountAndListTheCallsAsTheTableDoes()
    {
        string[] numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
        var wholeSet = new Regex(@"\b(?:these|the|all)\s+(" + string.Join("|", numbers) + @")\s+(?:socket\s+)?calls\b", RegexOptions.IgnoreCase);
        string root = Support.SourceTree.RepositoryRoot;
        var documents = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));

        var counts = documents
            .SelectMany(path => wholeSet.Matches(File.ReadAllText(path)).Select(match => (Path.GetFileName(path), match.Value, Array.IndexOf(numbers, match.Groups[1].Value.ToLowerInvariant()))))
            .ToList();

        Assert.NotEmpty(counts);
        Assert.All(counts, found => Assert.True(found.Item3 == CallTable.All.Count, $"{found.Item1}: \"{found.Item2}\", but the table has {CallTable.All.Count} calls"));

        string diagnostics = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        var block = Regex.Match(diagnostics, @"calls and their signatures[^\n]*\n\n```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "docs/diagnostics.md has no csharp block after \"calls and their signatures\"");
        Assert.Equal(CallTable.All.Select(call => call.Signature + ";"), block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(" + string.Join(", ", CallTable.All.Select(call => call.Name)) + ")", diagnostics, StringComparison.Ordinal);
    }

    private static Type[] ParameterTypes(CallDescription call)
        => call.Parameters.Select(p =>
        {
            var type = p.Type switch
            {
                ParameterType.Span => typeof(Span<byte>),
                ParameterType.ReadOnlySpan => typeof(ReadOnlySpan<byte>),
                _ => typeof(int),
            };
            return p.IsOut ? type.MakeByRefType() : type;
        }).ToArray();
}
