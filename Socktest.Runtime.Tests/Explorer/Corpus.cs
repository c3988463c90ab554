using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Explorer;

/// <summary>Small clients of <see cref="FrameServer"/>, each with one robustness bug, beside a correct twin. Each
/// fetches one frame and returns its payload, or <see langword="null"/> where the client gives up gracefully; the
/// clients of <see cref="CounterServer"/> increment a counter and return its new value.</summary>
internal static class Corpus
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET\n");

    /// <summary>Where the buggy clients keep their connection objects, as a long-lived client would: a leaked socket
    /// stays reachable, so no finalizer closes it during the leak check.</summary>
    private static readonly ConcurrentBag<Socket> KeptAlive = [];

    /// <summary>Closes what the buggy clients leaked, once a test is over: tests that count the process's descriptors
    /// must not find them.</summary>
    public static void CloseLeaked()
    {
        while (KeptAlive.TryTake(out var socket))
        {
            socket.Dispose();
        }
    }

    // A socket leaked on a failed connect.

    public static async Task<byte[]?> LeaksOnFailedConnectAsync(int port)
    {
        var socket = NewSocket();
        KeptAlive.Add(socket);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
        }
        catch (SocketException)
        {
            return null;                    // the bug: the socket is not disposed
        }

        using (socket)
        {
            return await ExchangeAsync(socket);
        }
    }

    public static async Task<byte[]?> DisposesOnFailedConnectAsync(int port)
    {
        using var socket = NewSocket();
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
        }
        catch (SocketException)
        {
            return null;
        }

        return await ExchangeAsync(socket);
    }

    // A reader that assumes one receive returns a whole frame.

    public static async Task<byte[]> ReadsOnceAsync(int port)
    {
        using var socket = NewSocket();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Request);
        var buffer = new byte[4 + FrameServer.PayloadLength];
        await socket.ReceiveAsync(buffer);                        // the bug: one receive taken for the whole frame
        int length = BinaryPrimitives.ReadInt32BigEndian(buffer);
        return Check(buffer.AsSpan(4, Math.Clamp(length, 0, buffer.Length - 4)).ToArray());
    }

    public static async Task<byte[]> ReadsExactlyAsync(int port)
    {
        using var socket = NewSocket();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return Check(await ExchangeAsync(socket));
    }

    // No retry on a reset.

    public static async Task<byte[]> GivesUpOnResetAsync(int port)
    {
        using var socket = NewSocket();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return Check(await ExchangeAsync(socket));
    }

    public static async Task<byte[]> RetriesOnResetAsync(int port)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return Check(await ExchangeAsync(socket));
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset && attempt < 3)
            {
            }
        }
    }

    // No timeout on an unanswered peer.

    public static async Task<byte[]> WaitsForeverAsync(int port)
    {
        using var socket = NewSocket();
        await socket.ConnectAsync(IPAddress.Loopback, port);      // the bug: no timeout
        return Check(await ExchangeAsync(socket));
    }

    public static async Task<byte[]> TimesOutAndRetriesAsync(int port)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var socket = NewSocket();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            }
            catch (OperationCanceledException) when (attempt < 3)
            {
                continue;
            }

            return Check(await ExchangeAsync(socket));
        }
    }

    // An unhandled lookup failure.

    public static async Task<byte[]> LooksUpOnceAsync(string host, int port)
    {
        var addresses = await Dns.GetHostAddressesAsync(host);        // the bug: a failed lookup is the caller's problem
        using var socket = NewSocket();
        await socket.ConnectAsync(addresses, port);
        return Check(await ExchangeAsync(socket));
    }

    public static async Task<byte[]> RetriesTheLookupAsync(string host, int port)
    {
        IPAddress[] addresses;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host);
                break;
            }
            catch (SocketException) when (attempt < 3)
            {
            }
        }

        using var socket = NewSocket();
        await socket.ConnectAsync(addresses, port);
        return Check(await ExchangeAsync(socket));
    }

    // A bug that needs two faults: a refused connect is retried once only.

    public static Task<byte[]> RetriesOnceAsync(int port) => ConnectWithRetriesAsync(port, attempts: 2);

    public static Task<byte[]> RetriesThriceAsync(int port) => ConnectWithRetriesAsync(port, attempts: 4);

    private static async Task<byte[]> ConnectWithRetriesAsync(int port, int attempts)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused && attempt < attempts)
            {
                continue;
            }

            return Check(await ExchangeAsync(socket));
        }
    }

    // A retry that repeats a non-idempotent request after its bytes were sent: an increment of a CounterServer
    // counter, retried on a new connection whenever the first one fails. Its answer is read in two receives (the
    // frame's length, then its body), so the body's receive is a point that exists only once the server has answered,
    // and so applied the increment: a fault there always makes the retry apply it a second time.

    public static async Task<long> RetriesTheIncrementAsync(int port, string counter)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return await IncrementAsync(socket, $"INCR {counter}\n");
            }
            catch (Exception exception) when (exception is SocketException or EndOfStreamException && attempt < 3)
            {
                // The bug: the request may have reached the server and been applied; sent again, it is applied again.
            }
        }
    }

    public static async Task<long> RetriesWithAnIdempotencyKeyAsync(int port, string counter)
    {
        string key = Guid.NewGuid().ToString("N");                 // one per increment, the same on every attempt
        for (int attempt = 1; ; attempt++)
        {
            using var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return await IncrementAsync(socket, $"INCR {counter} {key}\n");
            }
            catch (Exception exception) when (exception is SocketException or EndOfStreamException && attempt < 3)
            {
                // The server applies a key once: a retry of a request it applied gets the first answer.
            }
        }
    }

    /// <summary>One increment by <paramref name="client"/>, of a counter of its own (runs go in parallel against one
    /// server); throws <see cref="InvalidDataException"/> unless the server applied it exactly once and the client
    /// got the value the server answered for it.</summary>
    public static async Task IncrementOnceAsync(CounterServer server, Func<int, string, Task<long>> client)
    {
        string counter = "c" + Guid.NewGuid().ToString("N");
        long answered = await client(server.Port, counter);
        long applied = await server.AppliedAsync(counter);
        if (applied != 1)
        {
            throw new InvalidDataException($"The server applied the increment {applied} times, not once.");
        }

        if (answered != 1)
        {
            throw new InvalidDataException($"The client got {answered} for the counter's first increment.");
        }
    }

    private static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>The correct exchange: the request, then the frame read to its last byte.</summary>
    private static async Task<byte[]> ExchangeAsync(Socket socket)
    {
        await socket.SendAsync(Request);
        var header = new byte[4];
        await ReadExactlyAsync(socket, header);
        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header)];
        await ReadExactlyAsync(socket, payload);
        return payload;
    }

    /// <summary>Sends <paramref name="request"/> and reads the answer: the frame's length in one receive, its body in
    /// the next; the counter's value.</summary>
    private static async Task<long> IncrementAsync(Socket socket, string request)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var header = new byte[4];
        await ReadExactlyAsync(socket, header);
        var body = new byte[Math.Clamp(BinaryPrimitives.ReadInt32BigEndian(header), 1, 32)];
        await ReadExactlyAsync(socket, body);
        return long.Parse(Encoding.ASCII.GetString(body), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static async Task ReadExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            int n = await socket.ReceiveAsync(buffer);
            if (n == 0)
            {
                throw new EndOfStreamException("The server closed the connection inside a frame.");
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>The payload, if it is the server's; else <see cref="InvalidDataException"/>.</summary>
    private static byte[] Check(byte[] payload)
        => payload.AsSpan().SequenceEqual(FrameServer.Payload())
            ? payload
            : throw new InvalidDataException($"Got {payload.Length} bytes of payload, not the server's {FrameServer.PayloadLength}.");
}
