using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>
/// Snapshots taken while other threads open and close sockets as fast as a switch can (a kernel with nothing behind
/// it): every snapshot's table holds exactly the sockets its statistics count as opened and not closed, however the
/// writers that meet a snapshot in progress back off.
/// </summary>
public class SnapshotUnderChurnTests
{
    private const int Churners = 3;
    private const int NumbersPerChurner = 8;

    [Fact]
    public void EverySnapshotsTableAgreesWithItsStatisticsWhileSocketsOpenAndClose()
    {
        var sw = new SocketCallsSwitch(new CyclingKernel());
        using var stop = new CancellationTokenSource();
        var churners = StartChurners(sw, stop.Token);

        var core = ((Engine.ISwitchCoreOwner)sw).Core!;
        string? disagreement = null;
        int snapshots = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (disagreement is null && DateTime.UtcNow < deadline)
        {
            var (sockets, stats) = core.Snapshot();
            snapshots++;
            ulong counted = stats.Aggregate(0UL, (sum, stat) => sum + stat.Opened - stat.Closed);
            if (counted != (ulong)sockets.Count)
            {
                disagreement = $"snapshot {snapshots}: the table holds {sockets.Count} sockets, the statistics leave {counted} open ({string.Join("; ", stats)})";
            }
        }

        stop.Cancel();
        Array.ForEach(churners, churner => churner.Join());

        Assert.Null(disagreement);
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void ALookWithoutAFreezeSeesASocketOpenThroughoutItWhileOthersOpenAndClose()
    {
        var sw = new SocketCallsSwitch(new CyclingKernel());
        int held = sw.Socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
        var heldCookie = sw.Sockets()[held].Cookie;
        using var stop = new CancellationTokenSource();
        var churners = StartChurners(sw, stop.Token);

        // The churners' sockets are excused, as a leak check's ignore would: only the held one may answer.
        var core = ((Engine.ISwitchCoreOwner)sw).Core!;
        int looks = 0, missed = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            looks++;
            if (!core.AnyOpenSettled(status => status.Cookie != heldCookie || status.Descriptor != held))
            {
                missed++;
            }
        }

        stop.Cancel();
        Array.ForEach(churners, churner => churner.Join());

        Assert.True(looks > 100, $"only {looks} looks in a second");
        Assert.Equal(0, missed);
        Assert.True(core.AnyOpenSettled(ignore: null));
        sw.Close(held);
        Assert.False(core.AnyOpenSettled(ignore: null));
    }

    /// <summary>Threads that open inet4 sockets and close each after three more, until <paramref name="stop"/>, then
    /// close the rest.</summary>
    private static Thread[] StartChurners(SocketCallsSwitch sw, CancellationToken stop)
    {
        var churners = Enumerable.Range(0, Churners).Select(churner => new Thread(() =>
        {
            var open = new Queue<int>();
            while (!stop.IsCancellationRequested)
            {
                open.Enqueue(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
                if (open.Count == NumbersPerChurner / 2)
                {
                    sw.Close(open.Dequeue());
                }
            }

            while (open.Count > 0)
            {
                sw.Close(open.Dequeue());
            }
        })
        { IsBackground = true }).ToArray();
        Array.ForEach(churners, churner => churner.Start());
        return churners;
    }

    /// <summary>A kernel with nothing behind it: each thread's sockets take numbers of their own, handed out again as
    /// soon as they are closed, and every call succeeds at once, so the switch's own work is all there is.</summary>
    private sealed class CyclingKernel : ISocketCalls
    {
        private static int s_nextBase = 100;

        [ThreadStatic]
        private static int t_base;

        [ThreadStatic]
        private static int t_next;

        public int Socket(int family, int type, int protocol)
        {
            if (t_base == 0)
            {
                t_base = Interlocked.Add(ref s_nextBase, NumbersPerChurner) - NumbersPerChurner;
            }

            return t_base + (t_next++ % NumbersPerChurner);
        }

        public int Connect(int fd, ReadOnlySpan<byte> address) => 0;

        public int Listen(int fd, int backlog) => 0;

        public int Accept(int fd, Span<byte> address, out int addressLength)
        {
            addressLength = 0;
            return -1;
        }

        public int Accept4(int fd, Span<byte> address, out int addressLength, int flags) => Accept(fd, address, out addressLength);

        public int GetsockoptInt(int fd, int level, int option, out int value)
        {
            value = 0;
            return 0;
        }

        public int Close(int fd) => 0;

        public int Bind(int fd, ReadOnlySpan<byte> address) => 0;

        public int Send(int fd, ReadOnlySpan<byte> buffer, int flags) => buffer.Length;

        public int Recv(int fd, Span<byte> buffer, int flags) => 0;

        public int Shutdown(int fd, int how) => 0;
    }
}
