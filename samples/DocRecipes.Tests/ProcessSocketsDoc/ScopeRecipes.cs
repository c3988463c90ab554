using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace DocRecipes.ProcessSocketsDoc;

/// <summary>docs/process-sockets.md's per-test scope recipe: a real test of this suite, in parallel with the others.
/// Its server is one of its own, started in its scope.</summary>
public class ScopeRecipes
{
    // begin-doc: process-sockets/scope-test
    [Fact]
    public async Task RefusedConnectIsReported()
    {
        using var scope = ProcessSockets.BeginScope();               // in the test method itself
        using (var server = await StartServerAsync())                // its listener is the scope's
        {
            scope.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
            await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync(server.Url));
        }
        scope.AssertNoLeaks(SocketMatch.RuntimeProbes);              // the server closed first: its listener was the scope's too
    }
    // end-doc

    /// <summary>A test's own HTTP server: a listener on 127.0.0.1 that nothing will reach (every connect is refused).</summary>
    private static Task<TestServer> StartServerAsync() => Task.FromResult(new TestServer());

    private sealed class TestServer : IDisposable
    {
        private readonly LoopbackListener _listener = new();

        public Uri Url => new($"http://{_listener.EndPoint}/");

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>docs/process-sockets.md's Claim recipe: gRPC's default channel opens its sockets off the test's flow, and
/// the claim makes them the scope's anyway.</summary>
public class ClaimRecipes(SharedServers servers)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> Stream = new(MethodType.ServerStreaming, "docs.Stream", "Messages", Bytes, Bytes);

    [Fact]
    public async Task AResetReachesTheStreamOfAGrpcChannelThroughTheClaim()
    {
        int grpcPort = servers.GrpcEndPoint.Port;

        // begin-doc: process-sockets/claim-grpc
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(new IPEndPoint(IPAddress.Loopback, grpcPort));   // before the channel connects
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.RemotePort(grpcPort), Faults.ResetAfter(50_000)));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");   // the default channel, no ConnectCallback
        // the stream fails: RpcException { StatusCode: Unavailable }, a SocketException { SocketErrorCode: ConnectionReset } inside
        // end-doc

        int received = 0;
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(Stream, null, default, []);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(SocketError.ConnectionReset, Errors.SocketErrorIn(error.Status.DebugException));
        Assert.InRange(received, 0, SharedServers.GrpcMessages - 1);
        Assert.Contains(scope.Stats(), stat => stat.Family == SocketConstants.AF_INET6 && stat.Adopted == 1);   // the channel's socket, claimed
    }
}
