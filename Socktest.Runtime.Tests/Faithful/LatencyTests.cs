using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary><see cref="Faults.Latency"/>: data arrives that much later, and asynchronous sockets wait for it with no
/// thread held.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class LatencyTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EightDelayedReadsHoldNoThreadAndEachArrivesAfterTheDelay()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        using var scope = ProcessSockets.BeginScope();
        var pairs = new (Socket Client, Socket Server)[8];
        for (int i = 0; i < pairs.Length; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!, Cancel);
            pairs[i] = (client, await listener.AcceptAsync(Cancel));
        }

        try
        {
            using var trace = scope.StartTrace();
            scope.Set(FilterType.Recv, Faults.Latency(Delay));
            var clock = Stopwatch.StartNew();
            var reads = pairs.Select(p => p.Client.ReceiveAsync(new byte[8].AsMemory(), SocketFlags.None, Cancel).AsTask()).ToArray();
            foreach (var pair in pairs)
            {
                pair.Server.Send([7]);
            }

            await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(5), Cancel);
            var elapsed = clock.Elapsed;
            scope.Set(FilterType.Recv, null);

            Assert.All(reads, read => Assert.Equal(1, read.Result));
            Assert.InRange(elapsed, Delay - TimeSpan.FromMilliseconds(20), Delay + Socktest.Scenarios.Timing.Limit(TimeSpan.FromSeconds(1)));

            // Every delayed read returned to the runtime at once (EAGAIN), to be made again when its delay was over.
            var held = trace.Entries().Where(e => e.Operation == FilterType.Recv && e.Error == Errno.EAGAIN).Select(e => e.Descriptor).Distinct();
            Assert.Equal(pairs.Select(p => (int)p.Client.Handle).Order(), held.Order());
        }
        finally
        {
            foreach (var pair in pairs)
            {
                pair.Client.Dispose();
                pair.Server.Dispose();
            }
        }
    }

    [Fact]
    public async Task ABlockingReadWaitsOnItsThread()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync(Cancel);
        server.Send([1, 2, 3]);
        scope.Set(FilterType.Recv, Faults.Latency(Delay));

        var clock = Stopwatch.StartNew();
        int read = client.Receive(new byte[8]);

        Assert.Equal(3, read);
        Assert.True(clock.Elapsed >= Delay - TimeSpan.FromMilliseconds(20), $"read after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("mean", Assert.Throws<ArgumentOutOfRangeException>(() => Faults.Latency(TimeSpan.FromMilliseconds(-1))).ParamName);
        Assert.Equal("jitter", Assert.Throws<ArgumentOutOfRangeException>(() => Faults.Latency(TimeSpan.Zero, TimeSpan.FromMilliseconds(-1))).ParamName);
    }
}
