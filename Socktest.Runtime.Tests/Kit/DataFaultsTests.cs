using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Tests.Support;
using Socktest.Tests.Switch;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary><see cref="Faults.ResetAfter"/> and <see cref="Faults.Slice"/> on real loopback connections through a
/// generated switch: the bytes that reach the peer, the call that is cut short, the resets after it, and a new socket
/// under a reused number starting fresh.</summary>
public class DataFaultsTests
{
    private static readonly byte[] Ten = "0123456789"u8.ToArray();

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ResetAfterLetsExactlyTheBytesThroughCutsTheCrossingSendAndResetsEveryCallAfter(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);
        var reset = Faults.ResetAfter(25);
        sw.Set(FilterType.Send, reset);
        sw.Set(FilterType.Recv, reset);

        Assert.Equal(10, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(10, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(5, sw.Send(pair.Client, Ten, MSG_NOSIGNAL)); // the crossing call, cut to what is left
        Assert.Equal(-1, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(Errno.ECONNRESET, Errno.Last());
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        Assert.Equal(-1, sw.Recv(pair.Client, new byte[16], 0)); // the same socket's reads too
        Assert.Equal(Errno.ECONNRESET, Errno.Last());

        Assert.Equal(Ten.Concat(Ten).Concat(Ten[..5]).ToArray(), DataPair.Drain(pair.Server));
        Assert.Equal(pair.Baseline with { BytesSent = 25 }, Assert.Single(sw.Stats())); // the resets are counted nowhere
        Assert.Equal("Faults.ResetAfter(25): 5 calls seen, 2 reset, on 1 socket", Faults.Describe(reset));
    }

    [Fact]
    public void ResetAfterCountsEachSocketApart()
    {
        var sw = new SocketCallsSwitch();
        using var first = new DataPair(sw, Net.V4);
        using var second = new DataPair(sw, Net.V6);
        sw.Set(FilterType.Send, Faults.ResetAfter(12));

        Assert.Equal(10, sw.Send(first.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(10, sw.Send(second.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(2, sw.Send(first.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(2, sw.Send(second.Client, Ten, MSG_NOSIGNAL));

        Assert.Equal(12, DataPair.Drain(first.Server).Length);
        Assert.Equal(12, DataPair.Drain(second.Server).Length);
    }

    [Fact]
    public void ResetAfterCountsWhatTheKernelMovedNotWhatWasAskedFor()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Recv, Faults.ResetAfter(6));
        Assert.Equal(4, Libc.Send(pair.Server, Ten[..4], MSG_NOSIGNAL));
        var buffer = new byte[64];

        Assert.Equal(4, sw.Recv(pair.Client, buffer, 0)); // a short read: 4 of 64 asked
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        Assert.Equal(2, sw.Recv(pair.Client, buffer, 0)); // 2 left of 6
        Assert.Equal(-1, sw.Recv(pair.Client, buffer, 0));

        Assert.Equal(Errno.ECONNRESET, Errno.Last());
    }

    [Fact]
    public void ResetAfterZeroResetsTheFirstDataCall()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Send, Faults.ResetAfter(0));

        Assert.Equal(-1, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));

        Assert.Equal(Errno.ECONNRESET, Errno.Last());
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void ASocketThatGetsAResetSocketsNumberStartsFresh()
    {
        // A kernel that hands out the lowest free number, as Linux does, so the reuse is certain rather than likely.
        var sw = new SocketCallsSwitch(new ReusingKernel());
        sw.Set(FilterType.Send, Faults.ResetAfter(10));
        int old = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(10, sw.Send(old, Ten, 0));
        Assert.Equal(-1, sw.Send(old, Ten, 0));
        Assert.Equal(0, sw.Close(old));

        int reused = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(old, reused);
        Assert.Equal(2, sw.Sockets()[reused].Generation);
        Assert.Equal(10, sw.Send(reused, Ten, 0));
        Assert.Equal(-1, sw.Send(reused, Ten, 0));
        Assert.Equal(Errno.ECONNRESET, Errno.Last());
    }

    [Fact]
    public async Task EightThreadsSendingOnOneSocketMoveExactlyTheBudgetBetweenThem()
    {
        const int Budget = 100_000;
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Send, Faults.ResetAfter(Budget));
        var reader = Task.Run(() => ReadUntilQuiet(pair.Server));
        var chunk = new byte[777];
        long sent = 0;

        Workers.Run(8, _ =>
        {
            while (true)
            {
                int n = sw.Send(pair.Client, chunk, MSG_NOSIGNAL);
                if (n < 0)
                {
                    Assert.Equal(Errno.ECONNRESET, Errno.Last());
                    return 0;
                }

                Interlocked.Add(ref sent, n);
            }
        });

        Assert.Equal(Budget, Interlocked.Read(ref sent));
        Assert.Equal((ulong)Budget, Assert.Single(sw.Stats()).BytesSent);
        Assert.Equal(Budget, await reader);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void SliceCutsEverySendAndRecvAndTheBytesArriveWhole(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);
        var slice = Faults.Slice(3);
        sw.Set(FilterType.Send, slice);

        Assert.Equal(3, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));
        Assert.Equal(2, sw.Send(pair.Client, Ten[..2], MSG_NOSIGNAL)); // shorter than the slice: left alone
        Assert.Equal(Ten[..3].Concat(Ten[..2]).ToArray(), DataPair.Drain(pair.Server));

        sw.Set(FilterType.Recv, Faults.Slice(4));
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        var received = new System.Collections.Generic.List<byte>();
        var buffer = new byte[64];
        while (received.Count < Ten.Length)
        {
            int n = sw.Recv(pair.Client, buffer, 0);
            Assert.InRange(n, 1, 4);
            received.AddRange(buffer[..n]);
        }

        Assert.Equal(Ten, received);
        Assert.Equal("Faults.Slice(3): 2 calls seen, 1 cut short", Faults.Describe(slice));
    }

    [Fact]
    public void SliceOnACallThatMovesNoDataThrows()
    {
        var sw = new SocketCallsSwitch(new FakeKernel());
        sw.Set(FilterType.Socket, Faults.Slice(1));

        Assert.Throws<InvalidOperationException>(() => sw.Socket(AF_INET, SOCK_STREAM, 0));
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingTheParameter()
    {
        KitCalls.Rejects<ArgumentOutOfRangeException>("bytes", () => Faults.ResetAfter(-1));
        KitCalls.Rejects<ArgumentOutOfRangeException>("maxBytes", () => Faults.Slice(0));
        KitCalls.Rejects<ArgumentOutOfRangeException>("maxBytes", () => Faults.Slice(-5));
    }

    /// <summary>Reads until nothing has arrived for a while (the senders have all been reset); the bytes read.</summary>
    private static long ReadUntilQuiet(int fd)
    {
        long total = 0;
        var buffer = new byte[65536];
        while (Readiness.Readable(fd, 1000))
        {
            int n = Libc.Recv(fd, buffer, MSG_DONTWAIT);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
