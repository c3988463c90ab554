using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.ProcessWide;

/// <summary>A UDP echo server on 127.0.0.1 as UDP servers are written: a reply that cannot be sent is dropped, and the
/// client's retry is left to recover it.</summary>
internal sealed class UdpEchoServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;
    private int _failedReplies;
    private int _replies;

    public UdpEchoServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint { get; }

    public int Requests => Volatile.Read(ref _requests);

    public int FailedReplies => Volatile.Read(ref _failedReplies);

    /// <summary>Waits until <paramref name="count"/> replies have been sent: the kernel can deliver a reply to the client
    /// before the server's send has returned, and so before the switch has counted it.</summary>
    public async Task WaitForRepliesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref _replies) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The receive was cancelled: the loop's way out.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[2048];
        while (true)
        {
            var request = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            Interlocked.Increment(ref _requests);
            try
            {
                await _socket.SendToAsync(buffer.AsMemory(0, request.ReceivedBytes), SocketFlags.None, request.RemoteEndPoint, _stop.Token);
                Interlocked.Increment(ref _replies);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _failedReplies); // dropped, as a datagram may be
            }
        }
    }
}
