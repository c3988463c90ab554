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

/// <summary><see cref="ProcessSwitch.Partition"/>: while in force, a connection with the peer carries nothing and
/// reports nothing; healed, everything held flows in order, waiting reads complete at once, and no thread was held.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class PartitionTests
{
    private static readonly TimeSpan Held = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Prompt = Socktest.Scenarios.Timing.Limit(TimeSpan.FromMilliseconds(50));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHealedPartitionDeliversEveryHeldByteInOrderAndWakesTheWaitingRead()
    {
        var (server, serverPort) = Listen();
        using var _ = server;
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(serverPort, Cancel);
        using var accepted = await server.AcceptAsync(Cancel);

        var partition = scope.Partition(serverPort);
        var buffer = new byte[64];
        var pending = client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, Cancel).AsTask();
        accepted.Send("abc"u8);
        accepted.Send("def"u8);
        var written = client.SendAsync("xyz"u8.ToArray().AsMemory(), SocketFlags.None, Cancel).AsTask();
        await Task.Delay(Held, Cancel);

        Assert.False(pending.IsCompleted, "a read completed during the partition");
        Assert.False(written.IsCompleted, "a write completed during the partition");
        Assert.Equal(0, accepted.Available);
        var clock = Stopwatch.StartNew();
        partition.Dispose();
        int read = await pending.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        var woke = clock.Elapsed;
        await written.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        read += await ReadAtLeastAsync(client, buffer.AsMemory(read), 6 - read);

        Assert.True(woke < Prompt, $"the waiting read completed {woke.TotalMilliseconds} ms after the heal");
        Assert.Equal("abcdef", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        var received = new byte[3];
        Assert.Equal(3, await ReadAtLeastAsync(accepted, received, 3));
        Assert.Equal("xyz"u8.ToArray(), received);
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task ANewConnectToThePeerGoesUnansweredUntilHealed()
    {
        var (server, serverPort) = Listen();
        using var _ = server;
        using var scope = ProcessSockets.BeginScope();
        using (scope.Partition(serverPort))
        {
            using var cut = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(Held);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cut.ConnectAsync(serverPort, timeout.Token).AsTask());
        }

        using var healed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await healed.ConnectAsync(serverPort, Cancel);
        Assert.True(healed.Connected);
    }

    [Fact]
    public async Task EightWaitingReadsHoldNoThreadAndAllCompleteOnHeal()
    {
        var (server, serverPort) = Listen();
        using var _ = server;
        using var scope = ProcessSockets.BeginScope();
        var pairs = new (Socket Client, Socket Server)[8];
        for (int i = 0; i < pairs.Length; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(serverPort, Cancel);
            pairs[i] = (client, await server.AcceptAsync(Cancel));
        }

        try
        {
            using var trace = scope.StartTrace();
            var partition = scope.Partition(serverPort);
            var reads = pairs.Select(p => p.Client.ReceiveAsync(new byte[8].AsMemory(), SocketFlags.None, Cancel).AsTask()).ToArray();
            foreach (var pair in pairs)
            {
                pair.Server.Send([7]);
            }

            await Task.Delay(Held, Cancel);
            Assert.All(reads, read => Assert.False(read.IsCompleted));

            // Every held read returned to the runtime at once (EAGAIN): none is waiting on a thread of its own.
            var held = trace.Entries().Where(e => e.Operation == FilterType.Recv && e.Error == Errno.EAGAIN).Select(e => e.Descriptor).Distinct();
            Assert.Equal(pairs.Select(p => (int)p.Client.Handle).Order(), held.Order());
            var clock = Stopwatch.StartNew();
            partition.Dispose();
            await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(5), Cancel);

            Assert.True(clock.Elapsed < Prompt, $"8 reads completed {clock.Elapsed.TotalMilliseconds} ms after the heal");
            Assert.All(reads, read => Assert.Equal(1, read.Result));
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
    public async Task AStreamCutByRepeatedPartitionsArrivesWholeAndInOrder()
    {
        var (server, serverPort) = Listen();
        using var _ = server;
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(serverPort, Cancel);
        using var accepted = await server.AcceptAsync(Cancel);
        const int Total = 4 << 20;
        var sending = Task.Run(async () =>
        {
            var chunk = new byte[16 * 1024];
            for (int sent = 0; sent < Total; sent += chunk.Length)
            {
                for (int i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = (byte)((sent + i) % 251);
                }

                await accepted.SendAsync(chunk.AsMemory(), SocketFlags.None, Cancel);
            }
        }, Cancel);
        var cutting = Task.Run(async () =>
        {
            for (int cut = 0; cut < 10; cut++)
            {
                await Task.Delay(20, Cancel);
                using (scope.Partition(serverPort))
                {
                    await Task.Delay(30, Cancel);
                }
            }
        }, Cancel);

        var buffer = new byte[64 * 1024];
        long received = 0;
        while (received < Total)
        {
            int read = await client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            Assert.NotEqual(0, read);
            for (int i = 0; i < read; i++)
            {
                Assert.Equal((byte)((received + i) % 251), buffer[i]);
            }

            received += read;
        }

        await Task.WhenAll(sending, cutting).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        Assert.Equal(Total, received);
        Assert.Empty(scope.FilterExceptions());
    }

    private static (Socket Listener, IPEndPoint EndPoint) Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        return (listener, (IPEndPoint)listener.LocalEndPoint!);
    }

    private static async Task<int> ReadAtLeastAsync(Socket socket, Memory<byte> buffer, int count)
    {
        int read = 0;
        while (read < count)
        {
            int got = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Cancel);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        return read;
    }
}
