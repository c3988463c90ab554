using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Reach;

/// <summary>A loopback server of the runtime's own sockets, started by no scope, that echoes what each connection
/// sends: enough of a protocol for a pool's round trips.</summary>
internal sealed class EchoServer : IDisposable
{
    private readonly Socket _listener;

    private EchoServer(Socket listener) => _listener = listener;

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static EchoServer Start()
    {
        using (ExecutionContext.SuppressFlow())
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            _ = Task.Run(() => AcceptAsync(listener));
            return new EchoServer(listener);
        }
    }

    /// <summary>Sends <paramref name="text"/> and reads its echo.</summary>
    /// <returns>The bytes echoed.</returns>
    public static async Task<int> RoundTripAsync(Socket socket, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(bytes);
        var buffer = new byte[bytes.Length];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    public void Dispose() => _listener.Dispose();

    private static async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync();
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    var buffer = new byte[256];
                    try
                    {
                        int n;
                        while ((n = await connection.ReceiveAsync(buffer)) > 0)
                        {
                            await connection.SendAsync(buffer.AsMemory(0, n));
                        }
                    }
                    catch (SocketException)
                    {
                    }
                }
            });
        }
    }
}
