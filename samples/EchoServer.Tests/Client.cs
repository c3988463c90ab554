using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Socktest.Samples.Echo.Tests;

/// <summary>A test client on System.Net.Sockets, with timeouts so that a server that stopped serving fails the test instead of hanging it.</summary>
internal sealed class Client : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;

    public Client(IPEndPoint server)
    {
        _socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = (int)Timeout.TotalMilliseconds,
            SendTimeout = (int)Timeout.TotalMilliseconds,
        };
        _socket.Connect(server);
    }

    /// <summary>Sends <paramref name="text"/> and asserts that the same bytes come back.</summary>
    public void AssertEchoes(string text)
    {
        byte[] sent = Encoding.UTF8.GetBytes(text);
        _socket.Send(sent);
        byte[] received = new byte[sent.Length];
        int total = 0;
        while (total < received.Length)
        {
            int read = _socket.Receive(received, total, received.Length - total, SocketFlags.None);
            Assert.True(read > 0, $"the server closed the connection after {total} of {sent.Length} bytes");
            total += read;
        }

        Assert.Equal(text, Encoding.UTF8.GetString(received));
    }

    /// <summary>Whether the server closed its end: a read sees end of stream (or a reset).</summary>
    public bool SeesEndOfStream()
    {
        try
        {
            return _socket.Receive(new byte[1]) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();
}
