using System.IO;
using Xunit;

namespace DocRecipes.TestKit;

/// <summary>docs/test-kit.md's recipes on scopes of the process-wide switch: each test has its own, so they run in
/// parallel with each other and the rest of the suite.</summary>
public class ScopeRecipes(SharedServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyTheDatabaseIsRefusedAndOnlyTheFirstConnectionReset()
    {
        using var databaseServer = new LoopbackListener();
        using var service = new LoopbackListener();
        var database = databaseServer.EndPoint;

        // begin-doc: test-kit/aim-peer-nth-socket
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Connect, Faults.When(SocketMatch.Peer(database), Faults.Refuse()));   // only the database
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.NthSocket(1), Faults.Reset()));         // the first connection, not its retry
        // end-doc

        using (var first = await ConnectAsync(service.EndPoint))
        using (var served = service.Accept())
        {
            served.Send("x"u8);
            var reset = await Assert.ThrowsAsync<SocketException>(() => first.ReceiveAsync(new byte[1], Cancel).AsTask());
            Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        }

        using (var retry = await ConnectAsync(service.EndPoint))
        using (var served = service.Accept())
        {
            served.Send("x"u8);
            Assert.Equal(1, await retry.ReceiveAsync(new byte[1], Cancel));
        }

        var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(database));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task ResetAfterTenThousandBytesAndOneByteReads()
    {
        using var sockets = ProcessSockets.BeginScope();
        using var trace = sockets.StartTrace(10_000);
        using var http = new HttpClient();
        Uri url = servers.HttpUrl;

        // begin-doc: test-kit/reset-after-slice
        var reset = Faults.ResetAfter(10_000);
        sockets.Set(FilterType.Send, reset);            // one instance for both directions: the budget counts both
        sockets.Set(FilterType.Recv, reset);
        // ... 10,000 bytes move on each socket, the call crossing the limit is cut short, then the connection is reset

        using (sockets.Use(FilterType.Recv, Faults.Slice(1)))
        {
            byte[] body = await http.GetByteArrayAsync(url);    // every read one byte: parsers that assume a whole message fail
        }
        // end-doc

        var reads = trace.Entries().Where(entry => entry.Operation == FilterType.Recv && !entry.Peek && entry.Result > 0).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, read => Assert.Equal(1, read.Result));

        // The Recv filter is the reset again: 64 KiB cannot cross the connection.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => http.GetByteArrayAsync(servers.BigUrl, Cancel));
        Assert.True(Errors.SocketErrorIn(error) == SocketError.ConnectionReset, error.ToString());
        Assert.Contains("reset", Faults.Describe(reset), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServersSendsAndTheClientsReadsOfOneTestAgainstTheSharedServer()
    {
        using var scope = ProcessSockets.BeginScope();
        int port = servers.HttpUrl.Port;

        // begin-doc: test-kit/server-side-faults
        scope.Set(FilterType.Send, Faults.When(SocketMatch.LocalPort(port), Faults.Fail(Errno.ECONNRESET)));   // the server's sends
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.RemotePort(port), Faults.ResetAfter(50_000)));      // the client's reads
        // end-doc

        using (var http = new HttpClient())
        {
            // Kestrel aborts a connection whose send failed: the client reads a reset.
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetByteArrayAsync(servers.BigUrl, Cancel));
            Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(Assert.IsType<IOException>(error.InnerException).InnerException).SocketErrorCode);
        }

        scope.Set(FilterType.Send, null);
        using (var http = new HttpClient())
        {
            // The server sends the 64 KiB; the client's reads are reset after 50,000 bytes.
            var error = await Assert.ThrowsAnyAsync<Exception>(() => http.GetByteArrayAsync(servers.BigUrl, Cancel));
            Assert.True(Errors.SocketErrorIn(error) == SocketError.ConnectionReset, error.ToString());
        }
    }

    [Fact]
    public async Task TheExplorerFindsTheFaultsAPlainGetDoesNotSurvive()
    {
        Uri url = servers.HttpUrl;

        var thrown = await Assert.ThrowsAsync<FaultExplorationException>(async () =>
        {
            // begin-doc: test-kit/explorer
            var report = await SocketFaultExplorer.ExploreAsync(async scope =>
            {
                using var http = new HttpClient();
                Assert.Equal("hello", await http.GetStringAsync(url));
            }, new ExploreOptions { RunTimeout = TimeSpan.FromSeconds(5) });
            report.AssertAllSurvived();      // FaultExplorationException: "Failed ... socket#1=fail(EMFILE)", "Hung ... connect#1@s1<[::ffff:127.0.0.1]:5000>=blackhole"
            // end-doc
        });

        // The plain GET has no retry: the first socket failed (EMFILE) fails it, and an unanswered connect hangs it.
        Assert.Contains("confirmed", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("socket#1=fail(EMFILE)", thrown.Message, StringComparison.Ordinal);
        Assert.Contains($"connect#1@s1<[::ffff:127.0.0.1]:{url.Port}>=blackhole", thrown.Message, StringComparison.Ordinal);
        Assert.Contains(thrown.Message.Split('\n'), line => line.StartsWith("Failed ", StringComparison.Ordinal));
        Assert.Contains(thrown.Message.Split('\n'), line => line.StartsWith("Hung ", StringComparison.Ordinal));
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, Cancel);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
