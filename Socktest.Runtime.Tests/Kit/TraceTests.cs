using System;
using System.Linq;
using System.Threading;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary><see cref="SocketSwitchDiagnostics.StartTrace"/> on real loopback sockets: what each entry says, the table,
/// the ring's overwriting, and that a stopped trace records nothing more.</summary>
public class TraceTests
{
    [Fact]
    public void TheTraceRecordsEachCallWithItsOutcomeAndWhoInjectedAFailure()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        var sw = new SocketCallsSwitch();
        using var trace = sw.StartTrace();
        int fd = KitCalls.Connected(sw, Net.V4, port);
        using (sw.Use(FilterType.Send, Faults.Fail(Errno.EPIPE)))
        {
            Assert.Equal(-1, sw.Send(fd, "x"u8, MSG_NOSIGNAL));
        }

        Assert.Equal(0, sw.Close(fd));
        // An untracked number passes through, not traced. Never this test's own number again: other tests run in
        // parallel, and the kernel may already have handed it to one of them (a second close here once closed another
        // test's socket).
        Assert.Equal(-1, sw.Close(1_000_000));
        var entries = trace.Entries();

        Assert.Equal([FilterType.Socket, FilterType.Connect, FilterType.Send, FilterType.Close], entries.Select(e => e.Operation));
        Assert.Equal([1L, 2, 3, 4], entries.Select(e => e.Sequence));
        Assert.Equal([-1, fd, fd, fd], entries.Select(e => e.Descriptor));
        Assert.Equal([fd, 0, -1, 0], entries.Select(e => e.Result));
        Assert.All(entries, e => Assert.Equal(Loopback.TcpCookie(Net.V4), e.Cookie));
        Assert.All(entries, e => Assert.Equal(Environment.CurrentManagedThreadId, e.ThreadId));
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        var send = entries[2];
        Assert.True(send.Injected);
        Assert.Equal(Errno.EPIPE, send.Error);
        Assert.Equal($"#3 send fd {fd} (inet4, stream, tcp) -> -1 EPIPE injected by Faults.Fail(EPIPE)", send.ToString());
        Assert.All(entries.Where(e => e.Operation != FilterType.Send), e => Assert.False(e.Injected));
        Loopback.CloseAll(listener);
    }

    [Fact]
    public void TheTableHasAHeaderAndOneAlignedLinePerCall()
    {
        var sw = new SocketCallsSwitch();
        using var trace = sw.StartTrace();
        sw.Set(FilterType.Connect, _ => Errno.ECONNREFUSED);

        Assert.Equal(Errno.ECONNREFUSED, KitCalls.Connect(sw, Net.V6, 9));
        var lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("Socket calls: 3 of 3 recorded (capacity 1024), ms since ", lines[0]);
        Assert.Matches(@"^#\s+ms\s+thread\s+call\s+fd\s+cookie\s+result$", lines[1]);
        Assert.Matches(@"^1\s+\d+\.\d{3}\s+\d+\s+socket\s+-\s+\(inet6, stream, tcp\)\s+\d+$", lines[2]);
        Assert.Matches(@"^2\s+\d+\.\d{3}\s+\d+\s+connect\s+\d+\s+\(inet6, stream, tcp\)\s+-1 ECONNREFUSED injected by the Connect filter$", lines[3]);
        Assert.Matches(@"^3\s+\d+\.\d{3}\s+\d+\s+close\s+\d+\s+\(inet6, stream, tcp\)\s+0$", lines[4]);
        Assert.Equal(lines[1].IndexOf("cookie", StringComparison.Ordinal), lines[3].IndexOf("(inet6", StringComparison.Ordinal));
    }

    [Fact]
    public void AFullRingKeepsTheLastCallsAndCountsAll()
    {
        var sw = new SocketCallsSwitch();
        using var trace = sw.StartTrace(capacity: 4);

        KitCalls.Sockets(sw, 5); // 10 calls

        Assert.Equal(10, trace.Recorded);
        Assert.Equal([7L, 8, 9, 10], trace.Entries().Select(e => e.Sequence));
    }

    [Fact]
    public void ADisposedTraceRecordsNothingMoreAndANewOneStartsEmpty()
    {
        var sw = new SocketCallsSwitch();
        var first = sw.StartTrace();
        KitCalls.Sockets(sw, 1);
        first.Dispose();
        KitCalls.Sockets(sw, 1);
        Assert.Equal(2, first.Recorded);

        using var second = sw.StartTrace();
        var third = sw.StartTrace(); // replaces the second
        KitCalls.Sockets(sw, 1);
        second.Dispose(); // not the trace in place: changes nothing

        KitCalls.Sockets(sw, 1);
        Assert.Equal(0, second.Recorded);
        Assert.Equal(4, third.Recorded);
        third.Dispose();
    }

    [Fact]
    public void EightThreadsRecordEveryCallOnce()
    {
        var sw = new SocketCallsSwitch();
        using var trace = sw.StartTrace(capacity: 8 * 2 * 50);

        Workers.Run(8, _ => KitCalls.Sockets(sw, 50));

        var entries = trace.Entries();
        Assert.Equal(800, entries.Count);
        Assert.Equal(Enumerable.Range(1, 800).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(400, entries.Count(e => e.Operation == FilterType.Socket));
        Assert.Equal(8, entries.Select(e => e.ThreadId).Distinct().Count());
    }

    [Fact]
    public void ASwitchSocktestDidNotMakeIsRefusedAndBadCapacitiesNamed()
    {
        Assert.Throws<NotSupportedException>(() => new HandWrittenSwitch().StartTrace());
        KitCalls.Rejects<ArgumentOutOfRangeException>("capacity", () => new SocketCallsSwitch().StartTrace(0));
    }
}
