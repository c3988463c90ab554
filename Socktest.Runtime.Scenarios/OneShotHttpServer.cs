using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with one body ("ok" unless told) and
/// closes each connection.</summary>
public sealed class OneShotHttpServer : IBodyServer, IDisposable
{
    private readonly byte[] _head;
    private readonly byte[] _body;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _loop;
    private bool _disposed;

    public OneShotHttpServer(byte[]? body = null)
    {
        _body = body ?? "ok"u8.ToArray();
        _head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n");
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Starts a server that answers with <paramref name="body"/>: a <see cref="BodyServerFactory"/>.</summary>
    public static Task<IBodyServer> Start(byte[] body) => Task.FromResult<IBodyServer>(new OneShotHttpServer(body));

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal.
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                var buffer = new byte[4096];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await connection.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                try
                {
                    await connection.SendAsync(_head, SocketFlags.None);
                    await connection.SendAsync(_body, SocketFlags.None);
                    connection.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // The client gave up on the response (a scenario reset it): serve the next one.
                }
            }
        }
    }
}
