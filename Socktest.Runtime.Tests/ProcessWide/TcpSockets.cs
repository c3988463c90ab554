using System;
using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>The leak check the HttpClient-and-Kestrel tests end with: no TCP socket left open, and the books balance.</summary>
internal static class TcpSockets
{
    /// <summary>Closing is asynchronous in places (the connection pool, Kestrel's shutdown): waits a little for the last
    /// close before calling a socket leaked.</summary>
    public static async Task AssertNoneLeftAsync(ProcessSocketsScope sockets)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (StreamStats.OpenInternetCount(sockets) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
        var stat = StreamStats.OfInternet(sockets);
        Assert.Equal(stat.Opened + stat.Accepted, stat.Closed);
    }

    /// <summary>A body of random bytes, the same for the same length, so that a wrong byte anywhere shows.</summary>
    public static byte[] Body(int length)
    {
        var body = new byte[length];
        new Random(length).NextBytes(body);
        return body;
    }
}
