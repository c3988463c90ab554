using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>.NET's zero-byte receive is a one-byte <c>recv</c> with MSG_PEEK: it waits for data without taking it.
/// Through the process-wide switch it counts no bytes, on the hook's own path (no filter) and through the switch (a
/// filter or a trace) alike; it still runs the Recv filter, and a failure of the kernel's still counts.</summary>
[Collection(ProcessWideCollection.Name)]
public class PeekTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static System.Threading.CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AZeroByteReceiveCountsNoBytesAndTheReadAfterItCountsThemOnce(bool filtered)
    {
        using var pair = await ConnectedPair.OpenAsync();
        using var scope = ProcessSockets.BeginScope();
        scope.Track(pair.Server);
        var seen = new ConcurrentQueue<int>();
        if (filtered)
        {
            scope.Set(FilterType.Recv, st =>
            {
                seen.Enqueue(st.Requested);
                return default;
            });
        }

        await pair.Client.SendAsync(new byte[10].AsMemory(), SocketFlags.None, Token);
        Assert.Equal(0, await pair.Server.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, Token).AsTask().WaitAsync(Patience, Token));

        Assert.Equal(0UL, Stat(scope).BytesReceived);
        Assert.Equal(10, pair.Server.Available);
        Assert.Equal(10, await pair.Server.ReceiveAsync(new byte[100].AsMemory(), SocketFlags.None, Token).AsTask().WaitAsync(Patience, Token));
        Assert.Equal(10UL, Stat(scope).BytesReceived);
        if (filtered)
        {
            Assert.Equal([1, 100], seen.ToArray()); // the filter ran on the peek too: a one-byte call
        }

        Assert.Equal(1UL, Stat(scope).Adopted);
        Socktest.Scenarios.Books.Balance(scope, "with the tracked server socket open");
    }

    [Fact]
    public async Task TheRecvFilterMayFailAZeroByteReceiveAndItIsCountedNowhere()
    {
        using var pair = await ConnectedPair.OpenAsync();
        using var scope = ProcessSockets.BeginScope();
        scope.Track(pair.Server);
        await pair.Client.SendAsync(new byte[10].AsMemory(), SocketFlags.None, Token);
        scope.Set(FilterType.Recv, _ => Errno.ECONNRESET);

        var error = await Assert.ThrowsAsync<SocketException>(() => pair.Server.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, Token).AsTask().WaitAsync(Patience, Token));

        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        scope.Set(FilterType.Recv, null);
        Assert.Equal((0UL, 0UL), (Stat(scope).BytesReceived, Stat(scope).RecvFailed));
        Assert.Equal(10, pair.Server.Available); // nothing was taken
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APeekTheKernelFailsCountsRecvFailed(bool filtered)
    {
        using var pair = await ConnectedPair.OpenAsync();
        using var scope = ProcessSockets.BeginScope();
        scope.Track(pair.Server);
        if (filtered)
        {
            scope.Set(FilterType.Recv, _ => default);
        }

        pair.Server.Blocking = false;
        var error = Assert.Throws<SocketException>(() => pair.Server.Receive(new byte[1], SocketFlags.Peek));

        Assert.Equal(SocketError.WouldBlock, error.SocketErrorCode);
        Assert.Equal((0UL, 1UL), (Stat(scope).BytesReceived, Stat(scope).RecvFailed));
    }

    [Fact]
    public async Task TheTraceShowsAZeroByteReceiveAsRecvWithMsgPeek()
    {
        using var pair = await ConnectedPair.OpenAsync();
        using var scope = ProcessSockets.BeginScope();
        scope.Track(pair.Server);
        using var trace = scope.StartTrace();
        await pair.Client.SendAsync(new byte[10].AsMemory(), SocketFlags.None, Token);

        Assert.Equal(0, await pair.Server.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, Token).AsTask().WaitAsync(Patience, Token));
        Assert.Equal(10, await pair.Server.ReceiveAsync(new byte[100].AsMemory(), SocketFlags.None, Token).AsTask().WaitAsync(Patience, Token));

        var entries = trace.Entries().Where(e => e.Operation == FilterType.Recv && e.Error == Errno.None).ToArray();
        Assert.Equal([(true, 1), (false, 10)], entries.Select(e => (e.Peek, e.Result)).ToArray());
        Assert.StartsWith($"#{entries[0].Sequence} recv(MSG_PEEK) fd {(int)pair.Server.Handle} ", entries[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(10UL, Stat(scope).BytesReceived);
    }

    private static Stat Stat(ISocketSwitch sw) => StreamStats.Of(sw, SocketConstants.AF_INET);

    /// <summary>A connected pair of IPv4 sockets on 127.0.0.1, opened before any scope, so a test tracks what it wants.</summary>
    private sealed class ConnectedPair : IDisposable
    {
        private ConnectedPair(Socket client, Socket server)
        {
            Client = client;
            Server = server;
        }

        public Socket Client { get; }

        public Socket Server { get; }

        public static async Task<ConnectedPair> OpenAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!, Token);
            return new ConnectedPair(client, await listener.AcceptAsync(Token));
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
