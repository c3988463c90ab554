using System;
using System.Linq;
using System.Threading;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Many threads opening, listening and closing while another keeps redeploying filters.</summary>
[Collection(QuietDescriptorTable.Name)]
public class ConcurrencyTests
{
    private const int WorkerCount = 4;
    private const int Iterations = 3000;

    [Fact]
    public void BooksBalanceAndNothingLeaksUnderFilterChurn()
    {
        var sw = new SocketCallsSwitch();
        var before = Descriptors.OpenSockets();
        Filter passThrough = _ => FilterResult.After(_ => Errno.None);
        Filter tooManyFiles = _ => Errno.EMFILE;
        using var firstRound = new ManualResetEventSlim();
        bool stop = false;
        long rounds = 0;
        var churner = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                sw.Set(FilterType.Socket, passThrough);
                sw.Set(FilterType.Listen, passThrough);
                sw.Set(FilterType.Close, passThrough);
                sw.Set(FilterType.Socket, tooManyFiles);
                sw.Set(FilterType.Socket, null);
                sw.Set(FilterType.Listen, null);
                sw.Set(FilterType.Close, null);
                rounds++;
                firstRound.Set();
            }
        })
        { IsBackground = true };
        churner.Start();
        firstRound.Wait(TestContext.Current.CancellationToken);

        Tally[] tallies;
        try
        {
            tallies = Workers.Run(WorkerCount, i => Work(sw, i % 2 == 0 ? Net.V4 : Net.V6));
        }
        finally
        {
            Volatile.Write(ref stop, true);
            churner.Join();
        }

        Assert.True(rounds > 0);
        var stats = sw.Stats();
        Assert.All(tallies, t => Assert.Equal(t.Opened, t.Closed)); // every descriptor the test got was closed
        Assert.Equal(tallies.Sum(t => t.Opened), stats.Sum(s => (long)s.Opened));
        Assert.Equal(tallies.Sum(t => t.Closed), stats.Sum(s => (long)s.Closed));
        Assert.Equal(tallies.Sum(t => t.Listened), stats.Sum(s => (long)s.Listened));
        Assert.All(stats, s => Assert.Equal(0UL, s.OpenFailed + s.ListenFailed + s.CloseFailed));
        Assert.Equal(sw.Sockets().Count, stats.Sum(s => (long)s.Opened - (long)s.Closed));
        Assert.Empty(sw.Sockets());
        StatAssert.Consistent(sw);
        Assert.Empty(Descriptors.OpenedSince(before));
    }

    private static Tally Work(SocketCallsSwitch sw, Net net)
    {
        var tally = new Tally();
        for (int i = 0; i < Iterations; i++)
        {
            int fd = sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP);
            if (fd < 0)
            {
                var errno = Errno.Last();
                tally.Refused += errno == Errno.EMFILE ? 1 : throw new InvalidOperationException($"socket: {errno}");
                continue;
            }

            tally.Opened++;
            if (i % 2 == 1)
            {
                Loopback.BindEphemeral(fd, net);
                Loopback.Check(sw.Listen(fd, 4), "listen");
                tally.Listened++;
            }

            Loopback.Check(sw.Close(fd), "close");
            tally.Closed++;
        }

        return tally;
    }

    private sealed class Tally
    {
        public long Opened { get; set; }

        public long Listened { get; set; }

        public long Closed { get; set; }

        public long Refused { get; set; }
    }
}
