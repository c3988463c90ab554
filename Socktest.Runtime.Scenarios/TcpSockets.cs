using System;
using System.Linq;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>What the HttpClient tests and scenarios share: the leak check they end with (no TCP socket left open, and
/// the books balance) and the bodies they serve.</summary>
public static class TcpSockets
{
    /// <summary>Closing is asynchronous in places (the connection pool, Kestrel's shutdown): waits a little for the last
    /// close before calling a socket leaked.</summary>
    public static async Task AssertNoneLeftAsync(ISocketSwitch sockets)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (StreamStats.OpenInternetCount(sockets) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Check.Equal(0, StreamStats.OpenInternetCount(sockets), "TCP sockets left open (descriptors in the table: " + string.Join(", ", sockets.Sockets().Keys.Order()) + ")");
        var stat = StreamStats.OfInternet(sockets);
        Check.Equal(stat.Opened + stat.Accepted + stat.Adopted, stat.Closed, "closed, against opened + accepted + adopted");
        Books.Balance(sockets, "with no TCP socket open");
    }

    /// <summary>A body of random bytes, the same for the same length, so that a wrong byte anywhere shows.</summary>
    public static byte[] Body(int length)
    {
        var body = new byte[length];
        new Random(length).NextBytes(body);
        return body;
    }
}
