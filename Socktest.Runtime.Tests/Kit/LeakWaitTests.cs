using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary>The leak report read from one consistent snapshot, and <see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>
/// waiting for sockets that close late, on real loopback sockets.</summary>
public partial class LeakWaitTests
{
    private const string Counters0 = "connected=0 listened=0 accepted=0";
    private const string Failed0 = "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0";

    /// <summary>While other threads close sockets, every report's inflight section holds, for each cookie, exactly the
    /// sockets its statistics line counts as opened or accepted and not closed: the table and the counters are read at
    /// one instant. Read at two instants, closes between the reads show sockets open next to counters that have counted
    /// their close.</summary>
    [Fact]
    public void EveryReportAgreesWithItsStatisticsWhileSocketsClose()
    {
        var sw = new SocketCallsSwitch();
        const int Rounds = 20;
        const int PerRound = 200;
        const int Closers = 2;
        int reports = 0;
        var disagreements = new List<string>();
        for (int round = 0; round < Rounds && disagreements.Count == 0; round++)
        {
            var fds = new int[PerRound];
            for (int i = 0; i < PerRound; i++)
            {
                fds[i] = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
            }

            int closing = Closers;
            using var start = new Barrier(Closers + 1);
            var closers = Enumerable.Range(0, Closers).Select(c => new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = c; i < PerRound; i += Closers)
                {
                    sw.Close(fds[i]);
                }

                Interlocked.Decrement(ref closing);
            })
            { IsBackground = true }).ToArray();
            foreach (var closer in closers)
            {
                closer.Start();
            }

            start.SignalAndWait(TestContext.Current.CancellationToken);
            while (Volatile.Read(ref closing) > 0 && disagreements.Count == 0)
            {
                try
                {
                    sw.AssertNoLeaks();
                }
                catch (SocketLeakException leak)
                {
                    reports++;
                    if (Disagreement(leak) is { } disagreement)
                    {
                        disagreements.Add(disagreement);
                    }
                }
            }

            foreach (var closer in closers)
            {
                closer.Join();
            }
        }

        Assert.True(disagreements.Count == 0, disagreements.FirstOrDefault());
        Assert.True(reports > 0, "No report was built while the sockets were closing.");
        sw.AssertNoLeaks();
    }

    [Fact]
    public void TheSnapshotsTableAndStatisticsAgree()
    {
        var sw = new SocketCallsSwitch();
        int a = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        int b = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        Assert.Equal(0, sw.Close(a));

        var (sockets, stats) = ((Engine.ISwitchCoreOwner)sw).Core!.Snapshot();

        Assert.Equal([b], sockets.Keys);
        var stat = Assert.Single(stats);
        Assert.Equal((2UL, 1UL), (stat.Opened, stat.Closed));
        Assert.Equal(0, sw.Close(b));
    }

    /// <summary>What wakes a waiting leak check: the task the table hands out completes when a socket leaves the table
    /// by its close, and not when the close leaves it in the table (a close the filter fails, or an after-filter
    /// fails, as in Go); the next close gets a new task.</summary>
    [Fact]
    public void ACloseThatEmptiesItsSlotWakesTheLeakCheckAndOneThatDoesNotLeavesItWaiting()
    {
        var sw = new SocketCallsSwitch();
        var core = ((Engine.ISwitchCoreOwner)sw).Core!;
        int kept = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        int closed = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");

        var wake = core.NextClose();
        Assert.Same(wake, core.NextClose());
        using (sw.Use(FilterType.Close, _ => Errno.EBADF))
        {
            Assert.Equal(-1, sw.Close(kept));
        }

        Assert.False(wake.IsCompleted, "a close that left its socket in the table woke the leak check");

        Assert.Equal(0, sw.Close(closed));
        Assert.True(wake.IsCompletedSuccessfully, "a close that emptied its slot did not wake the leak check");

        var next = core.NextClose();
        Assert.NotSame(wake, next);
        Assert.False(next.IsCompleted);
        Assert.Equal(0, sw.Close(kept));
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ASocketClosedLaterOnAnotherThreadPasses()
    {
        var sw = new SocketCallsSwitch();
        var (listener, port) = Loopback.Listener(Net.V4);
        try
        {
            int fd = KitCalls.Connected(sw, Net.V4, port);
            var closer = Task.Run(async () =>
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
                Assert.Equal(0, sw.Close(fd));
            }, TestContext.Current.CancellationToken);
            var watch = Stopwatch.StartNew();

            await sw.AssertNoLeaksAsync();

            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150), $"Returned after {watch.Elapsed} with the socket still open.");
            Assert.Empty(sw.Sockets());
            await closer;
        }
        finally
        {
            Loopback.CloseAll(listener);
        }
    }

    [Fact]
    public async Task ASocketNeverClosedFailsAfterTheTimeoutWithGosReport()
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        var watch = Stopwatch.StartNew();

        var leak = await Assert.ThrowsAsync<SocketLeakException>(() => sw.AssertNoLeaksAsync(timeout: TimeSpan.FromMilliseconds(300)));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"Gave up after {watch.Elapsed}.");
        Assert.Equal(
            "Inflight sockets:\n"
            + $"{fd}: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + "Socket statistical information:\n"
            + $"(inet4, stream, tcp): opened=1 {Counters0} closed=0 {Failed0}\n",
            leak.Message);
        Assert.Equal(fd, Assert.Single(leak.Leaked).Descriptor);
        Assert.Equal(0, sw.Close(fd));
        await sw.AssertNoLeaksAsync(timeout: TimeSpan.Zero);
    }

    [Fact]
    public async Task AZeroTimeoutLooksOnceAndIgnoreExcuses()
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP), "socket");
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<SocketLeakException>(() => sw.AssertNoLeaksAsync(timeout: TimeSpan.Zero));
        await sw.AssertNoLeaksAsync(SocketMatch.Family(AF_INET6));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Took {watch.Elapsed}.");
        Assert.Equal(0, sw.Close(fd));
    }

    /// <summary>Arguments are checked when the method is called, not when the task is awaited.</summary>
    [Fact]
    public void ANegativeTimeoutIsRefused()
    {
        var sw = new SocketCallsSwitch();

        Assert.Throws<ArgumentOutOfRangeException>("timeout", () => { _ = sw.AssertNoLeaksAsync(timeout: TimeSpan.FromSeconds(-1)); });
        Assert.Throws<ArgumentNullException>("sw", () => { _ = SocketSwitchExtensions.AssertNoLeaksAsync(null!); });
    }

    /// <summary>Where the report's table and statistics disagree, in a sentence; <see langword="null"/> when they agree.</summary>
    private static string? Disagreement(SocketLeakException leak)
    {
        var tabled = leak.Leaked.GroupBy(status => status.Cookie.ToString()).ToDictionary(group => group.Key, group => group.Count());
        foreach (Match line in StatLine().Matches(leak.Message))
        {
            long open = Count(line, "opened") + Count(line, "accepted") - Count(line, "closed");
            tabled.TryGetValue(line.Groups["cookie"].Value, out int inTable);
            if (open != inTable)
            {
                return $"The report shows {inTable} sockets of {line.Groups["cookie"].Value} next to statistics that leave {open} open:\n{leak.Message}";
            }
        }

        return null;
    }

    private static long Count(Match line, string name) => long.Parse(line.Groups[name].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<cookie>\([^)]*\)): opened=(?<opened>\d+) connected=\d+ listened=\d+ accepted=(?<accepted>\d+) closed=(?<closed>\d+) ", RegexOptions.Multiline)]
    private static partial Regex StatLine();
}
