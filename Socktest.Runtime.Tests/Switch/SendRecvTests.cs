using System;
using System.Text;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Send and Recv on tracked sockets (beyond Go, with Go's rules): the bytes the kernel moved are counted, its
/// failures (EAGAIN included) are SendFailed/RecvFailed, injected errors are counted nowhere, untracked descriptors
/// pass straight through.</summary>
public class SendRecvTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello, socktest");

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void BytesSentAndReceivedAreCounted(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);

        Assert.Equal(Hello.Length, sw.Send(pair.Client, Hello, MSG_NOSIGNAL));
        Assert.Equal(Hello, DataPair.Drain(pair.Server));
        Assert.Equal(3, Libc.Send(pair.Server, "abc"u8, MSG_NOSIGNAL));
        var buffer = new byte[64];
        Assert.Equal(3, sw.Recv(pair.Client, buffer, 0));

        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
        Assert.Equal(pair.Baseline with { BytesSent = (ulong)Hello.Length, BytesReceived = 3 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void EndOfStreamIsASuccessfulRecvOfNothing()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Loopback.Check(Libc.Shutdown(pair.Server, SHUT_WR), "shutdown");

        Assert.Equal(0, sw.Recv(pair.Client, new byte[16], 0));

        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void EagainOnANonBlockingRecvCountsRecvFailed(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);

        int result = sw.Recv(pair.Client, new byte[16], MSG_DONTWAIT);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EAGAIN, errno);
        Assert.Equal(pair.Baseline with { RecvFailed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void SendAfterShutdownFailsWithEpipeAndCountsSendFailed()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);

        Assert.Equal(0, sw.Shutdown(pair.Client, SHUT_WR));
        int result = sw.Send(pair.Client, Hello, MSG_NOSIGNAL);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EPIPE, errno);
        Assert.Equal(0, Libc.Recv(pair.Server, new byte[16], 0)); // the peer read the end of the stream
        Assert.Equal(pair.Baseline with { SendFailed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void InjectedErrorsAreCountedNowhereAndMoveNothing()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Send, _ => Errno.ECONNRESET);
        sw.Set(FilterType.Recv, _ => Errno.ETIMEDOUT);
        Assert.Equal(3, Libc.Send(pair.Server, "abc"u8, MSG_NOSIGNAL));

        Assert.Equal(-1, sw.Send(pair.Client, Hello, MSG_NOSIGNAL));
        Assert.Equal(Errno.ECONNRESET, Errno.Last());
        Assert.Equal(-1, sw.Recv(pair.Client, new byte[16], 0));
        Assert.Equal(Errno.ETIMEDOUT, Errno.Last());

        Assert.Equal(-1, Libc.Recv(pair.Server, new byte[16], MSG_DONTWAIT)); // nothing was sent
        Assert.Equal(Errno.EAGAIN, Errno.Last());
        sw.Set(FilterType.Recv, null);
        Assert.Equal(3, sw.Recv(pair.Client, new byte[16], 0)); // nothing was consumed
        Assert.Equal(pair.Baseline with { BytesReceived = 3 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void AfterFilterSeesTheCountsAndItsErrorIsCountedNowhere()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Status? before = null;
        Status? after = null;
        sw.Set(FilterType.Send, st =>
        {
            before = st;
            return FilterResult.After(done =>
            {
                after = done;
                return Errno.ECONNRESET;
            });
        });

        int result = sw.Send(pair.Client, Hello, MSG_NOSIGNAL);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.ECONNRESET, errno);
        Assert.Equal((Hello.Length, 0, pair.Client), (before!.Value.Requested, before.Value.Transferred, before.Value.Descriptor));
        Assert.Equal((Hello.Length, Hello.Length, Errno.None), (after!.Value.Requested, after.Value.Transferred, after.Value.Err));
        Assert.Equal(Hello, DataPair.Drain(pair.Server)); // the kernel did send; the caller was told otherwise
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void AfterFilterSeesAKernelFailureWhichIsCounted()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Status? after = null;
        sw.Set(FilterType.Recv, _ => FilterResult.After(done =>
        {
            after = done;
            return Errno.None;
        }));

        Assert.Equal(-1, sw.Recv(pair.Client, new byte[8], MSG_DONTWAIT));

        Assert.Equal(Errno.EAGAIN, Errno.Last());
        Assert.Equal((8, 0, Errno.EAGAIN), (after!.Value.Requested, after.Value.Transferred, after.Value.Err));
        Assert.Equal(pair.Baseline with { RecvFailed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void UntrackedDescriptorsPassStraightThrough()
    {
        var sw = new SocketCallsSwitch();
        bool ran = false;
        Filter refuse = _ =>
        {
            ran = true;
            return Errno.ECONNRESET;
        };
        sw.Set(FilterType.Send, refuse);
        sw.Set(FilterType.Recv, refuse);
        sw.Set(FilterType.Shutdown, refuse);
        var (listener, port) = Loopback.Listener(Net.V4);
        int client = Loopback.Client(Net.V4, port);
        int server = Loopback.Check(Libc.Accept(listener, default, out _), "accept");

        Assert.Equal(Hello.Length, sw.Send(client, Hello, MSG_NOSIGNAL));
        var buffer = new byte[64];
        Assert.Equal(Hello.Length, sw.Recv(server, buffer, 0));
        Assert.Equal(0, sw.Shutdown(client, SHUT_WR));
        Assert.Equal(0, sw.Recv(server, buffer, 0));

        Assert.False(ran);
        Assert.Empty(sw.Stats());
        Loopback.CloseAll(client, server, listener);
    }

    [Fact]
    public void ShutdownRunsItsFiltersAndHasNoCounters()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Shutdown, _ => Errno.ENOTCONN);

        Assert.Equal(-1, sw.Shutdown(pair.Client, SHUT_WR));
        Assert.Equal(Errno.ENOTCONN, Errno.Last());
        Assert.Equal(-1, Libc.Recv(pair.Server, new byte[1], MSG_DONTWAIT)); // not shut down
        Assert.Equal(Errno.EAGAIN, Errno.Last());

        Status? after = null;
        sw.Set(FilterType.Shutdown, _ => FilterResult.After(st =>
        {
            after = st;
            return Errno.None;
        }));
        Assert.Equal(0, sw.Shutdown(pair.Client, SHUT_WR));
        Assert.Equal(0, Libc.Recv(pair.Server, new byte[1], 0)); // now it is

        Assert.Equal(new Status(pair.Cookie, Errno.None, Errno.None), after);
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void ThrowingDataFiltersPropagateAndCountNothing()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        sw.Set(FilterType.Send, _ => throw new DataFilterBoom());
        sw.Set(FilterType.Recv, _ => FilterResult.After(_ => throw new DataFilterBoom()));
        Assert.Equal(3, Libc.Send(pair.Server, "abc"u8, MSG_NOSIGNAL));

        Assert.Throws<DataFilterBoom>(() => sw.Send(pair.Client, Hello, MSG_NOSIGNAL));
        Assert.Throws<DataFilterBoom>(() => sw.Recv(pair.Client, new byte[16], 0));

        Assert.Equal(-1, Libc.Recv(pair.Server, new byte[16], MSG_DONTWAIT)); // the throwing filter sent nothing
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
        Assert.Equal(pair.Client, Assert.Single(sw.Sockets()).Key); // still tracked, closed by Dispose
    }

    private sealed class DataFilterBoom : Exception
    {
    }
}
