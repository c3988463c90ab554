using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Explorer;

/// <summary>A listener on 127.0.0.1 for the explorer's corpus, started outside every scope, that hands each connection
/// it accepts to <see cref="Accepted"/> until it is disposed. Its accepted connections still belong to the run whose
/// client connected (the server end follows the client end), so the server's calls are points of that run too.</summary>
internal abstract class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts listening and accepting. A derived class's field initializers have run by then; its
    /// constructor body may not have.</summary>
    protected LoopbackServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public EndPoint EndPoint => new IPEndPoint(IPAddress.Loopback, Port);

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    /// <summary>Serves <paramref name="connection"/>, which it then owns; called on the accept loop before the next
    /// accept, so it must hand the work to another task.</summary>
    protected abstract void Accepted(Socket connection);

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

            Accepted(connection);
        }
    }
}
