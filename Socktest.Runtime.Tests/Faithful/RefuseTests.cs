using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary><see cref="Faults.Refuse"/> against a connect to a loopback port nothing listens on, side by side: the
/// same exception, the same calls with the same errnos, in the same few milliseconds.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class RefuseTests
{
    [Fact]
    public async Task ARefusedConnectLooksAsAClosedPortsDoes()
    {
        using var closed = LoopbackConditions.ClosedPort(out var closedPort);
        using var open = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        open.Listen(8);
        var listening = (IPEndPoint)open.LocalEndPoint!;
        using var scope = ProcessSockets.BeginScope();

        var real = await ConnectAsync(scope, closedPort);
        scope.Set(FilterType.Connect, Faults.Refuse());
        var injected = await ConnectAsync(scope, listening);

        Assert.Equal(SocketError.ConnectionRefused, real.Error);
        Assert.Equal(real.Error, injected.Error);
        Assert.Equal(real.Calls, injected.Calls);
        Assert.True(injected.Elapsed < Socktest.Scenarios.Timing.Limit(TimeSpan.FromMilliseconds(500)), $"refused in {injected.Elapsed.TotalMilliseconds} ms (the real one: {real.Elapsed.TotalMilliseconds} ms)");
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task HttpClientSeesTheSameRefusal()
    {
        using var closed = LoopbackConditions.ClosedPort(out var closedPort);
        await using var server = await KestrelServer.StartAsync(KestrelServer.Serving([1, 2, 3]));
        using var scope = ProcessSockets.BeginScope();
        using var client = new HttpClient();

        var real = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{closedPort}/", TestContext.Current.CancellationToken));
        scope.Set(FilterType.Connect, Faults.When(SocketMatch.Peer(new IPEndPoint(IPAddress.Loopback, server.Url.Port)), Faults.Refuse()));
        var injected = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url, TestContext.Current.CancellationToken));

        Assert.Equal(HttpRequestError.ConnectionError, real.HttpRequestError);
        Assert.Equal(real.HttpRequestError, injected.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, ((SocketException)injected.InnerException!).SocketErrorCode);
    }

    [Fact]
    public void ABlockingConnectIsRefusedAsTheKernelRefusesIt()
    {
        using var closed = LoopbackConditions.ClosedPort(out var closedPort);
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Connect, Faults.Refuse());
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var error = Assert.Throws<SocketException>(() => socket.Connect(new IPEndPoint(IPAddress.Loopback, 9)));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public void OnAGeneratedSwitchRefuseSaysWhatToUseInstead()
    {
        var sw = new Socktest.Tests.Support.SocketCallsSwitch();
        sw.Set(FilterType.Connect, Faults.Refuse());
        int fd = sw.Socket(Socktest.Interop.SocketConstants.AF_INET, Socktest.Interop.SocketConstants.SOCK_STREAM, 0);
        try
        {
            var error = Assert.Throws<NotSupportedException>(() => sw.Connect(fd, new byte[16]));
            Assert.Contains("Faults.Fail(Errno.ECONNREFUSED)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            sw.Close(fd);
        }
    }

    private static async Task<(SocketError Error, string Calls, TimeSpan Elapsed)> ConnectAsync(SocketScope scope, IPEndPoint endPoint)
    {
        using var trace = scope.StartTrace();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(endPoint, TestContext.Current.CancellationToken).AsTask());
        var elapsed = clock.Elapsed;
        string calls = string.Join(", ", trace.Entries()
            .Where(e => e.Operation is FilterType.Connect or FilterType.GetsockoptInt)
            .Select(e => $"{e.Operation} {(e.Error == Errno.None ? "ok" : e.Error.ToString())}"));
        return (error.SocketErrorCode, calls, elapsed);
    }
}
