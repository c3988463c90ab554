using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Explorer;

/// <summary>A loopback server for the explorer's corpus: for each connection it reads a request line, answers with one frame (a 4-byte
/// big-endian length, then that many bytes) in a single send, and waits for the client to close.</summary>
internal sealed class FrameServer : LoopbackServer
{
    public const int PayloadLength = 300;



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

    protected override void Accepted(Socket connection) => _ = Task.Run(() => ServeAsync(connection));

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
                    int n = await connection.ReceiveAsync(buffer.AsMemory(received), Stopping);
                    if (n == 0)
                    {
                        return;
                    }

                    received += n;
                }

                var frame = new byte[4 + PayloadLength];
                BinaryPrimitives.WriteInt32BigEndian(frame, PayloadLength);
                Payload().CopyTo(frame, 4);
                await connection.SendAsync(frame, Stopping);
                while (await connection.ReceiveAsync(buffer, Stopping) > 0)
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
