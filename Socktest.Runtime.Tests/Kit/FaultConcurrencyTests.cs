using System;
using System.Linq;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary>The counting faults under 8 racing threads on real sockets: exactly the planned number of calls fail,
/// because each filter counts the calls that reach it with one interlocked counter.</summary>
public class FaultConcurrencyTests
{
    private const int Threads = 8;
    private const int CallsPerThread = 25;
    private const int Calls = Threads * CallsPerThread;

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(Calls)]
    public void NthFailsExactlyOneCall(int n)
        => AssertRace(Faults.Nth(n, Errno.EMFILE), expectedFailures: 1);

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(Calls + 5)]
    public void FirstFailsExactlyCountCalls(int count)
        => AssertRace(Faults.First(count, Errno.EMFILE), expectedFailures: Math.Min(count, Calls));

    [Fact]
    public void SequenceFailsExactlyItsErrnos()
    {
        var plan = Enumerable.Range(0, 20).Select(i => i % 3 == 0 ? Errno.EMFILE : Errno.None).ToArray();
        AssertRace(Faults.Sequence(plan), expectedFailures: plan.Count(e => e != Errno.None));
    }

    [Fact]
    public void RandomFailsAsManyCallsAsASequentialRunWithTheSameSeed()
    {
        var sequential = new SocketCallsSwitch();
        sequential.Set(FilterType.Socket, Faults.Random(99, 0.3, Errno.EMFILE));
        int expected = KitCalls.Failures(KitCalls.Sockets(sequential, Calls));
        Assert.InRange(expected, 1, Calls - 1);

        AssertRace(Faults.Random(99, 0.3, Errno.EMFILE), expected);
    }

    private static void AssertRace(Filter fault, int expectedFailures)
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, fault);

        var outcomes = Workers.Run(Threads, _ => KitCalls.Sockets(sw, CallsPerThread)).SelectMany(o => o).ToArray();

        Assert.Equal(Calls, outcomes.Length);
        Assert.All(outcomes, outcome => Assert.True(outcome == Errno.None || outcome == Errno.EMFILE, outcome.ToString()));
        Assert.Equal(expectedFailures, KitCalls.Failures(outcomes));
        KitCalls.AssertAllClosed(sw, Net.V4, opened: Calls - expectedFailures);
        Assert.StartsWith($"Faults.", Faults.Describe(fault));
        Assert.Contains($": {Calls} calls seen, {expectedFailures} failed", Faults.Describe(fault));
        sw.AssertNoLeaks();
    }
}
