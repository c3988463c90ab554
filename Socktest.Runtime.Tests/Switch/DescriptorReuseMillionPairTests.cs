using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>
/// Two threads open and close sockets through one switch as fast as they can. The kernel hands out the lowest free
/// number, so each thread keeps getting the descriptor the other has just closed: the race in which Go's socktest
/// (and a port that deletes the entry after the close syscall) loses 0.01-0.1 % of closes. Here none may be lost or
/// counted against the other thread's cookie, over a million socket+close pairs, and every snapshot taken meanwhile must balance.
/// </summary>
public class DescriptorReuseMillionPairTests
{
    private const int Threads = 2;
    private const int PairsPerThread = 500_000; // 2 threads x 500k pairs = 10^6 pairs, 2 x 10^6 calls

    [Fact]
    public void NoCloseIsLostOrMisattributedOverAMillionCalls()
    {
        var sw = new SocketCallsSwitch();
        var cookies = new[] { Cookie.Of(AF_INET, SOCK_STREAM, 0), Cookie.Of(AF_INET6, SOCK_STREAM, 0) };
        var errors = new ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads + 1);
        int running = Threads;

        var workers = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                var cookie = cookies[i];
                start.SignalAndWait();
                for (int n = 0; n < PairsPerThread; n++)
                {
                    int fd = sw.Socket(cookie.Family, cookie.Type, cookie.Protocol);
                    if (fd < 0 || sw.Close(fd) != 0)
                    {
                        throw new InvalidOperationException($"socket or close failed: {Errno.Last()}");
                    }
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        })
        { IsBackground = true, Name = $"reuse worker {i}" }).ToArray();

        foreach (var worker in workers)
        {
            worker.Start();
        }

        // Meanwhile, snapshots: each thread has at most one socket open, so every cookie shows 0 or 1 socket open,
        // in the counts and in the table alike; a half-done update would show -1 or 2.
        start.SignalAndWait(TestContext.Current.CancellationToken);
        long snapshots = 0;
        while (Volatile.Read(ref running) > 0)
        {
            foreach (var stat in sw.Stats())
            {
                long open = (long)stat.Opened - (long)stat.Closed;
                Assert.InRange(open, 0, 1);
            }

            var tracked = sw.Sockets();
            Assert.All(cookies, c => Assert.InRange(tracked.Values.Count(s => s.Cookie == c), 0, 1));
            snapshots++;
            Thread.Sleep(1);
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        Assert.Empty(errors);
        var stats = sw.Stats();
        Assert.Equal(cookies.OrderBy(c => c), stats.Select(s => s.Cookie));
        Assert.All(stats, s => Assert.Equal(
            new Stat { Family = s.Family, Type = s.Type, Protocol = s.Protocol, Opened = PairsPerThread, Closed = PairsPerThread },
            s));
        Assert.Equal(stats.Sum(s => (long)s.Opened), stats.Sum(s => (long)s.Closed));
        Assert.Empty(sw.Sockets());
        Assert.True(snapshots > 0);
    }
}
