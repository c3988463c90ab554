using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary><see cref="Faults.Delay"/>: a slow call on real loopback sockets, on the real clock and on a
/// <see cref="FakeTimeProvider"/> the test advances.</summary>
public class DelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AConnectWaitsUntilTheFakeClockHasAdvancedByTheDelay()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        var clock = new WatchedTimeProvider();
        var sw = new SocketCallsSwitch();
        var delay = Faults.Delay(TimeSpan.FromSeconds(30), clock);
        sw.Set(FilterType.Connect, delay);

        var connect = Task.Factory.StartNew(() => KitCalls.Connect(sw, Net.V4, port), TaskCreationOptions.LongRunning);
        Assert.True(clock.TimerCreated.Wait(Patience, TestContext.Current.CancellationToken), "the filter never started waiting");
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        await Task.WhenAny(connect, Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
        Assert.False(connect.IsCompleted, "the connect went on before its delay had passed");
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(Errno.None, await connect.WaitAsync(Patience, TestContext.Current.CancellationToken));
        KitCalls.AssertAllClosed(sw, Net.V4, opened: 1, connected: 1);
        Assert.Equal("Faults.Delay(00:00:30, on its TimeProvider): 1 call delayed", Faults.Describe(delay));
        Loopback.CloseAll(listener);
    }

    /// <summary>A delay that runs out between the wait's look at the clock and its wait never waits a negative time
    /// (which throws, and failed a delayed connect with an unknown socket error about once in twenty runs of a suite).
    /// Delays of a few microseconds put the clock's edge between those two reads again and again.</summary>
    [Fact]
    public void ARealClockDelayThatRunsOutMidTurnEndsQuietly()
    {
        using var ending = new CancellationTokenSource();
        for (int i = 0; i < 200_000; i++)
        {
            Assert.True(Socktest.Kit.Waits.Block(TimeSpan.FromTicks(1 + (i % 50)), TimeProvider.System, ending.Token));
        }
    }

    [Fact]
    public void OnTheRealClockTheCallTakesAtLeastTheDelay()
    {
        var sw = new SocketCallsSwitch();
        var delay = Faults.Delay(TimeSpan.FromMilliseconds(150));
        sw.Set(FilterType.Socket, delay);

        var elapsed = Stopwatch.StartNew();
        Assert.Equal(Errno.None, KitCalls.Socket(sw));
        elapsed.Stop();

        Assert.True(elapsed.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {elapsed.Elapsed}");
        Assert.Equal("Faults.Delay(00:00:00.1500000): 1 call delayed", Faults.Describe(delay));
    }

    [Fact]
    public void AZeroDelayCreatesNoTimer()
    {
        var clock = new WatchedTimeProvider();
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, Faults.Delay(TimeSpan.Zero, clock));

        Assert.Equal(Errno.None, KitCalls.Socket(sw));
        Assert.False(clock.TimerCreated.IsSet);
    }

    /// <summary>A <see cref="FakeTimeProvider"/> that says when a timer was created on it, so a test advances the
    /// clock only once the filter is waiting (advancing earlier would move the delay's start along with it).</summary>
    private sealed class WatchedTimeProvider : TimeProvider
    {
        private readonly FakeTimeProvider _fake = new();

        public ManualResetEventSlim TimerCreated { get; } = new();

        public override long TimestampFrequency => _fake.TimestampFrequency;

        public void Advance(TimeSpan by) => _fake.Advance(by);

        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

        public override long GetTimestamp() => _fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = _fake.CreateTimer(callback, state, dueTime, period);
            TimerCreated.Set();
            return timer;
        }
    }
}
