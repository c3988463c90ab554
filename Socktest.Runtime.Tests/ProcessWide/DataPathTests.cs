using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>The runtime's data calls (<c>send</c>, <c>recv</c>, <c>sendmsg</c>, <c>recvmsg</c>) and <c>bind</c> and
/// <c>shutdown</c>, seen through the process-wide switch from .NET's own <see cref="Socket"/>.</summary>
[Collection(ProcessWideCollection.Name)]
public class DataPathTests
{
    private static readonly byte[] Ten = "0123456789"u8.ToArray();

    [Fact]
    public void BindSendRecvAndShutdownOfDotNetSocketsAreCounted()
    {
        using var sockets = ProcessSockets.Install();
        var shutdowns = new ConcurrentQueue<int>();
        sockets.Set(FilterType.Shutdown, st =>
        {
            shutdowns.Enqueue(st.Descriptor);
            return default;
        });

        using (var pair = LoopbackPair.Open())
        {
            Assert.Equal(Ten.Length, pair.Client.Send(Ten));
            Assert.Equal(Ten, pair.ReceiveOnServer(Ten.Length));
            pair.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, pair.Server.Receive(new byte[4]));
            Assert.Equal((int)pair.Client.Handle, Assert.Single(shutdowns));
        }

        var stat = StreamStats.Of(sockets, SocketConstants.AF_INET);
        Assert.Equal(2UL, stat.Bound); // the listener, and the client's explicit bind
        Assert.Equal((ulong)Ten.Length, stat.BytesSent);
        Assert.Equal((ulong)Ten.Length, stat.BytesReceived);
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public void AnInjectedResetOnRecvIsASocketExceptionAndIsNotCounted()
    {
        using var sockets = ProcessSockets.Install();
        using (var pair = LoopbackPair.Open())
        {
            Assert.Equal(Ten.Length, pair.Client.Send(Ten));
            sockets.Set(FilterType.Recv, _ => Errno.ECONNRESET);

            var error = Assert.Throws<SocketException>(() => pair.Server.Receive(new byte[16]));

            Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
            sockets.Set(FilterType.Recv, null);
        }

        var stat = StreamStats.Of(sockets, SocketConstants.AF_INET);
        Assert.Equal((0UL, 0UL), (stat.BytesReceived, stat.RecvFailed));
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    /// <summary>A gathered send is <c>sendmsg</c>: the Send filter sees the total of the buffers, and a limit cuts the
    /// buffer list in the middle of a buffer; the runtime sends the rest itself, and the bytes arrive in order.</summary>
    [Fact]
    public void SendmsgShowsTheTotalLengthAndALimitCutsTheBufferList()
    {
        using var sockets = ProcessSockets.Install();
        var requested = new ConcurrentQueue<(int Requested, int Transferred)>();
        using (var pair = LoopbackPair.Open())
        {
            int client = (int)pair.Client.Handle;
            sockets.Set(FilterType.Send, st => st.Descriptor != client ? default : FilterResult.Limit(4, done =>
            {
                requested.Enqueue((done.Requested, done.Transferred));
                return Errno.None;
            }));
            var buffers = new List<ArraySegment<byte>> { new(Ten, 0, 3), new(Ten, 3, 5), new(Ten, 8, 2) };

            int sent = pair.Client.Send(buffers);
            sockets.Set(FilterType.Send, null);

            Assert.Equal(Ten[..sent], pair.ReceiveOnServer(sent));
            Assert.Equal((10, 4), requested.First()); // one sendmsg of all ten bytes, cut to four
            Assert.All(requested, r => Assert.Equal(Math.Min(4, r.Requested), r.Transferred));
            Assert.Equal(sent, requested.Sum(r => r.Transferred));
        }

        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    /// <summary>A scattered receive is <c>recvmsg</c>: a limit of three bytes over buffers of two and four fills the first
    /// and one byte of the second, and the next receive gets the rest.</summary>
    [Fact]
    public void RecvmsgShowsTheTotalLengthAndALimitCutsTheBufferList()
    {
        using var sockets = ProcessSockets.Install();
        var seen = new ConcurrentQueue<int>();
        using (var pair = LoopbackPair.Open())
        {
            Assert.Equal(Ten.Length, pair.Client.Send(Ten));
            int server = (int)pair.Server.Handle;
            sockets.Set(FilterType.Recv, st =>
            {
                if (st.Descriptor != server)
                {
                    return default;
                }

                seen.Enqueue(st.Requested);
                return FilterResult.Limit(3);
            });
            var first = new byte[2];
            var second = new byte[4];

            int received = pair.Server.Receive(new List<ArraySegment<byte>> { first, second });
            sockets.Set(FilterType.Recv, null);

            Assert.Equal(3, received);
            Assert.Equal(6, Assert.Single(seen));
            Assert.Equal("01"u8.ToArray(), first);
            Assert.Equal("2\0\0\0"u8.ToArray(), second);
            Assert.Equal(Ten[3..], pair.ReceiveOnServer(7));
        }

        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public void AnInjectedAddressInUseOnBindIsTheRuntimesAddressAlreadyInUse()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Bind, _ => Errno.EADDRINUSE);

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var error = Assert.Throws<SocketException>(() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        }

        var stat = StreamStats.Of(sockets, SocketConstants.AF_INET);
        Assert.Equal((0UL, 0UL), (stat.Bound, stat.BindFailed));
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public void TheKernelsAddressInUseOnBindIsCountedBindFailed()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        using var sockets = ProcessSockets.Install();

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var error = Assert.Throws<SocketException>(() => socket.Bind(taken.LocalEndPoint!));
            Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        }

        Assert.Equal(1UL, StreamStats.Of(sockets, SocketConstants.AF_INET).BindFailed);
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public void ALimitOnACallThatMovesNoDataFailsItAndIsRecorded()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Bind, _ => FilterResult.Limit(1));

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            Assert.Throws<SocketException>(() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)));
        }

        var recorded = Assert.IsType<InvalidOperationException>(Assert.Single(sockets.FilterExceptions()));
        Assert.Contains("Bind filter returned FilterResult.Limit(1)", recorded.Message, StringComparison.Ordinal);
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    /// <summary>The runtime waits for readiness with edge-triggered epoll: after a receive that says EAGAIN it waits
    /// for the next edge. An EAGAIN injected while data is already waiting therefore stalls the receive until more data
    /// arrives (or forever): documented in docs/process-sockets.md, and shown here so that a change is noticed.</summary>
    [Fact]
    public async Task AnInjectedEagainWithDataWaitingStallsTheReceiveUntilMoreDataArrives()
    {
        using var sockets = ProcessSockets.Install();
        using var pair = LoopbackPair.Open();
        var buffer = new byte[16];
        var warm = pair.Client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken).AsTask(); // registers with epoll
        await Task.Delay(50, TestContext.Current.CancellationToken);
        pair.Server.Send([1]);
        Assert.Equal(1, await warm.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        pair.Server.Send([2, 3]);
        await Task.Delay(50, TestContext.Current.CancellationToken); // the edge for these bytes comes and goes while nobody reads
        int fd = (int)pair.Client.Handle;
        int injected = 0;
        sockets.Set(FilterType.Recv, st => st.Descriptor == fd && Interlocked.Exchange(ref injected, 1) == 0 ? Errno.EAGAIN : default);

        var stalled = pair.Client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken).AsTask();

        Assert.NotSame(stalled, await Task.WhenAny(stalled, Task.Delay(500, TestContext.Current.CancellationToken)));
        Assert.Equal(1, injected);
        pair.Server.Send([4]); // a new edge
        Assert.Equal(3, await stalled.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal([2, 3, 4], buffer[..3]);
    }

    /// <summary>A connected pair of .NET sockets on 127.0.0.1, opened through whatever switch is installed.</summary>
    private sealed class LoopbackPair : IDisposable
    {
        private LoopbackPair(Socket client, Socket server)
        {
            Client = client;
            Server = server;
        }

        public Socket Client { get; }

        public Socket Server { get; }

        public static LoopbackPair Open()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            client.Connect(listener.LocalEndPoint!);
            return new LoopbackPair(client, listener.Accept());
        }

        public byte[] ReceiveOnServer(int count)
        {
            var received = new byte[count];
            int done = 0;
            while (done < count)
            {
                int n = Server.Receive(received, done, count - done, SocketFlags.None);
                Assert.NotEqual(0, n);
                done += n;
            }

            return received;
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
