using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Explorer;

/// <summary>A loopback server for the explorer's corpus, started outside every scope (so its sockets are nobody's and
/// the faults land on the client): for each connection it reads a request line, answers with one frame (a 4-byte
/// big-endian length, then that many bytes) in a single send, and waits for the client to close.</summary>
internal sealed class FrameServer : IDisposable
{
    public const int PayloadLength = 300;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public FrameServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public EndPoint EndPoint => new IPEndPoint(IPAddress.Loopback, Port);

    /// <summary>The frame's payload: bytes 0, 1, 2, ... 255, 0, 1, ...</summary>
    public static byte[] Payload()
    {
        var payload = new byte[PayloadLength];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        return payload;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                var buffer = new byte[64];
                int received = 0;
                while (Array.IndexOf(buffer, (byte)'\n', 0, received) < 0)
                {
                    int n = await connection.ReceiveAsync(buffer.AsMemory(received), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    received += n;
                }

                var frame = new byte[4 + PayloadLength];
                BinaryPrimitives.WriteInt32BigEndian(frame, PayloadLength);
                Payload().CopyTo(frame, 4);
                await connection.SendAsync(frame, _stop.Token);
                while (await connection.ReceiveAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client reset or left: that connection is over.
            }
        }
    }
}
