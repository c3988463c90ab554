using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>
/// The faults made in the kernel, against .NET's own sockets on loopback, each beside the real condition it stands for
/// where one can be made: the same exception, within the same few milliseconds. Each runs in a scope of its own, so
/// they may run in parallel with each other.
/// </summary>
public static class FaithfulScenarios
{
    private static readonly TimeSpan Prompt = Timing.Limit(TimeSpan.FromMilliseconds(50));

    /// <summary>A refused connect, real and injected: ConnectionRefused both times, the injected one in well under a
    /// second.</summary>
    public static async Task ARefusedConnectLooksAsAClosedPortsDoes()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var open = Listening(1);
        using var scope = ProcessSockets.BeginScope();

        var real = await RefusedAsync(closed.LocalEndPoint!);
        scope.Set(FilterType.Connect, Faults.Refuse());
        var clock = Stopwatch.StartNew();
        var injected = await RefusedAsync(open.LocalEndPoint!);

        Check.Equal(SocketError.ConnectionRefused, real, "the real refusal");
        Check.Equal(real, injected, "the injected refusal");
        Check.That(clock.Elapsed < Timing.Limit(TimeSpan.FromMilliseconds(500)), $"refused in {clock.Elapsed.TotalMilliseconds} ms");
        Check.Equal(0, scope.FilterExceptions().Count, "filter exceptions");
    }

    /// <summary>An injected reset wakes a receive pending on another socket operation at once, and the peer feels it.</summary>
    public static async Task AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt()
    {
        using var listener = Listening(1);
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync();
        var pending = client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None).AsTask();
        await Task.Delay(50);
        scope.Set(FilterType.Send, Faults.Reset());

        var clock = Stopwatch.StartNew();
        var failed = Check.Throws<SocketException>(() => client.Send(new byte[1]), "the send that resets");
        var woke = await Check.ThrowsAsync<SocketException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)), "the pending receive");
        var elapsed = clock.Elapsed;
        var felt = await Check.ThrowsAsync<SocketException>(() => server.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)), "the peer's receive");

        Check.Equal(SocketError.ConnectionReset, failed.SocketErrorCode, "the send's error");
        Check.Equal(SocketError.ConnectionReset, woke.SocketErrorCode, "the pending receive's error");
        Check.Equal(SocketError.ConnectionReset, felt.SocketErrorCode, "the peer's error");
        Check.That(elapsed < Prompt, $"the pending receive woke after {elapsed.TotalMilliseconds} ms");
    }

    /// <summary>A partition holds a waiting read and a write with no error; healed, both go on at once, in order.</summary>
    public static async Task AHealedPartitionDeliversEveryHeldByteInOrder()
    {
        using var listener = Listening(1);
        var peer = (IPEndPoint)listener.LocalEndPoint!;
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(peer);
        using var server = await listener.AcceptAsync();

        var partition = scope.Partition(peer);
        var buffer = new byte[16];
        var pending = client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask();
        server.Send("abc"u8);
        var written = client.SendAsync("xyz"u8.ToArray().AsMemory(), SocketFlags.None).AsTask();
        await Task.Delay(300);
        Check.That(!pending.IsCompleted && !written.IsCompleted, "the partition held the read and the write");

        var clock = Stopwatch.StartNew();
        partition.Dispose();
        int read = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        var woke = clock.Elapsed;
        await written.WaitAsync(TimeSpan.FromSeconds(5));
        var echoed = new byte[3];
        int got = await server.ReceiveAsync(echoed.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Check.That(woke < Prompt, $"the read completed {woke.TotalMilliseconds} ms after the heal");
        Check.Equal("abc", System.Text.Encoding.ASCII.GetString(buffer, 0, read), "the held bytes");
        Check.Equal("xyz", System.Text.Encoding.ASCII.GetString(echoed, 0, got), "the written bytes");
    }

    /// <summary>Reads delayed by <see cref="Faults.Latency"/> return EAGAIN at once (no thread waits) and complete after
    /// the delay.</summary>
    public static async Task DelayedReadsHoldNoThread()
    {
        using var listener = Listening(8);
        using var scope = ProcessSockets.BeginScope();
        var clients = new Socket[4];
        var servers = new Socket[4];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await clients[i].ConnectAsync(listener.LocalEndPoint!);
            servers[i] = await listener.AcceptAsync();
        }

        try
        {
            using var trace = scope.StartTrace();
            scope.Set(FilterType.Recv, Faults.Latency(TimeSpan.FromMilliseconds(200)));
            var clock = Stopwatch.StartNew();
            var reads = clients.Select(c => c.ReceiveAsync(new byte[8].AsMemory(), SocketFlags.None).AsTask()).ToArray();
            foreach (var server in servers)
            {
                server.Send([7]);
            }

            await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(5));
            var elapsed = clock.Elapsed;
            int held = trace.Entries().Where(e => e.Operation == FilterType.Recv && e.Error == Errno.EAGAIN).Select(e => e.Descriptor).Distinct().Count();

            Check.That(elapsed >= TimeSpan.FromMilliseconds(180), $"the reads completed after {elapsed.TotalMilliseconds} ms");
            Check.Equal(clients.Length, held, "reads held without a thread");
        }
        finally
        {
            foreach (var socket in clients.Concat(servers))
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<SocketError> RefusedAsync(EndPoint endPoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Check.ThrowsAsync<SocketException>(() => socket.ConnectAsync(endPoint), "the connect to " + endPoint);
        return error.SocketErrorCode;
    }

    private static Socket Listening(int backlog)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(backlog);
        return socket;
    }
}
