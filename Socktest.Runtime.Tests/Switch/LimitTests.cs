using System;
using System.Linq;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary><see cref="FilterResult.Limit(int)"/>: a Send or Recv moves at most that many bytes of its buffer, a short
/// write or read made by the real kernel; on any other call it is a mistake the switch reports.</summary>
public class LimitTests
{
    private static readonly byte[] Ten = "0123456789"u8.ToArray();

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void LimitCutsASendShort(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);
        sw.Set(FilterType.Send, _ => FilterResult.Limit(3));

        Assert.Equal(3, sw.Send(pair.Client, Ten, MSG_NOSIGNAL));

        Assert.Equal(Ten[..3], DataPair.Drain(pair.Server)); // only three bytes reached the wire
        Assert.Equal(pair.Baseline with { BytesSent = 3 }, Assert.Single(sw.Stats()));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void LimitCutsARecvShortAndLeavesTheRestForTheNextRead(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        sw.Set(FilterType.Recv, _ => FilterResult.Limit(4));
        var buffer = new byte[64];

        Assert.Equal(4, sw.Recv(pair.Client, buffer, 0));
        Assert.Equal(Ten[..4], buffer[..4]);
        Assert.All(buffer[4..], b => Assert.Equal(0, b)); // the kernel wrote nothing past the limit

        sw.Set(FilterType.Recv, null);
        Assert.Equal(6, sw.Recv(pair.Client, buffer, 0));
        Assert.Equal(Ten[4..], buffer[..6]);
        Assert.Equal(pair.Baseline with { BytesReceived = 10 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void ALimitAsLongAsTheBufferOrLongerChangesNothing()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, 0);
        sw.Set(FilterType.Send, st => FilterResult.Limit(st.Requested));
        sw.Set(FilterType.Recv, _ => FilterResult.Limit(int.MaxValue));

        Assert.Equal(10, sw.Send(fd, Ten, 0));
        Assert.Equal(0, sw.Recv(fd, new byte[7], 0));

        Assert.Equal([10, 7], kernel.TransferLengths);
        Assert.Equal(Ten, kernel.Sent);
    }

    [Fact]
    public void TheInnerImplementationGetsTheCutBufferAndTheAfterFilterTheCount()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, 0);
        foreach (byte b in Ten)
        {
            kernel.Incoming.Enqueue(b);
        }

        Status? seen = null;
        sw.Set(FilterType.Recv, st => FilterResult.Limit(2, done =>
        {
            seen = done;
            return Errno.None;
        }));
        var buffer = new byte[8];

        Assert.Equal(2, sw.Recv(fd, buffer, 0));

        Assert.Equal([2], kernel.TransferLengths); // the inner call was handed the first two bytes of the buffer
        Assert.Equal((8, 2, fd), (seen!.Value.Requested, seen.Value.Transferred, seen.Value.Descriptor));
        Assert.Equal(8, kernel.Incoming.Count);
        Assert.Equal(2UL, Assert.Single(sw.Stats()).BytesReceived);
    }

    [Fact]
    public void AnEmptyBufferStaysEmpty()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, 0);
        sw.Set(FilterType.Send, _ => FilterResult.Limit(5));

        Assert.Equal(0, sw.Send(fd, ReadOnlySpan<byte>.Empty, 0));

        Assert.Equal([0], kernel.TransferLengths);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ALimitOfNothingIsRefused(int maxBytes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FilterResult.Limit(maxBytes));

        Assert.Equal("maxBytes", error.ParamName);
    }

    [Fact]
    public void ALimitOnACallThatMovesNoDataThrowsNamingTheCall()
    {
        var sw = new SocketCallsSwitch();
        var (listener, port) = Loopback.Listener(Net.V4);
        foreach (var type in Enum.GetValues<FilterType>().Where(t => t is not (FilterType.Send or FilterType.Recv)))
        {
            sw.Set(type, _ => FilterResult.Limit(1));
        }

        var socketError = Assert.Throws<InvalidOperationException>(() => sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        Assert.Contains("Socket filter returned FilterResult.Limit(1)", socketError.Message, StringComparison.Ordinal);
        Assert.Empty(sw.Sockets()); // nothing opened

        sw.Set(FilterType.Socket, null);
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        Assert.Contains("Connect filter", Assert.Throws<InvalidOperationException>(() => sw.Connect(fd, Loopback.Address(Net.V4, port))).Message, StringComparison.Ordinal);
        Assert.Contains("Bind filter", Assert.Throws<InvalidOperationException>(() => sw.Bind(fd, Loopback.Address(Net.V4, 0))).Message, StringComparison.Ordinal);
        Assert.Contains("Shutdown filter", Assert.Throws<InvalidOperationException>(() => sw.Shutdown(fd, SHUT_RDWR)).Message, StringComparison.Ordinal);
        Assert.Contains("GetsockoptInt filter", Assert.Throws<InvalidOperationException>(() => sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out _)).Message, StringComparison.Ordinal);
        Assert.Contains("Close filter", Assert.Throws<InvalidOperationException>(() => sw.Close(fd)).Message, StringComparison.Ordinal);

        Assert.Equal(fd, Assert.Single(sw.Sockets()).Key); // the close never happened: still tracked, still open
        Assert.Equal(0, Loopback.LocalPort(fd)); // nor did the bind
        sw.Set(FilterType.Close, null);
        Assert.Equal(0, sw.Close(fd));
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(Net.V4)) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
        Loopback.CloseAll(listener);
    }

    [Fact]
    public void LimitIsPartOfTheResultsEqualityAndText()
    {
        AfterFilter after = _ => Errno.None;

        Assert.Equal(FilterResult.Limit(3), FilterResult.Limit(3));
        Assert.NotEqual(FilterResult.Limit(3), FilterResult.Limit(4));
        Assert.NotEqual(FilterResult.Proceed, FilterResult.Limit(3));
        Assert.Equal(3, FilterResult.Limit(3, after).MaxBytes);
        Assert.Same(after, FilterResult.Limit(3, after).Then);
        Assert.Equal(0, FilterResult.Proceed.MaxBytes);
        Assert.False(FilterResult.Limit(3).IsFailure);
        Assert.Equal("Limit(3)", FilterResult.Limit(3).ToString());
        Assert.Equal("Limit(3, ...)", FilterResult.Limit(3, after).ToString());
    }

    [Fact]
    public void TheByteCountsAreNotPartOfGosEqualityOrText()
    {
        var status = new Status(Loopback.TcpCookie(Net.V4), Errno.None, Errno.None);
        var moved = status with { Requested = 10, Transferred = 4, Descriptor = 7 };

        Assert.Equal(status, moved);
        Assert.Equal(status.GetHashCode(), moved.GetHashCode());
        Assert.Equal("(inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>", moved.ToString());
    }
}
