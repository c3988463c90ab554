using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary><see cref="Faults.Blackhole"/> against a connect whose SYN is dropped, side by side: the connect waits for
/// the caller's own timeout, which ends it the same way.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class BlackholeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task AnUnansweredConnectWaitsForTheCallersTimeoutAsADroppedSynDoes()
    {
        var (listener, filler) = LoopbackConditions.UnansweredPort(out var unanswered);
        using var _ = listener;
        using var __ = filler;
        using var open = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        open.Listen(8);
        using var scope = ProcessSockets.BeginScope();

        var real = await ConnectWithTimeoutAsync(unanswered);
        scope.Set(FilterType.Connect, Faults.Blackhole());
        var injected = await ConnectWithTimeoutAsync((IPEndPoint)open.LocalEndPoint!);

        Assert.Equal(typeof(OperationCanceledException), real.Thrown);
        Assert.Equal(real.Thrown, injected.Thrown);
        Assert.InRange(injected.Elapsed, Patience - TimeSpan.FromMilliseconds(20), Patience + Socktest.Scenarios.Timing.Limit(TimeSpan.FromSeconds(2)));
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task HttpClientTimesOutOnIt()
    {
        await using var server = await KestrelServer.StartAsync(KestrelServer.Serving([1, 2, 3]));
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Connect, Faults.Blackhole());
        using var client = new HttpClient { Timeout = Patience };

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(server.Url, TestContext.Current.CancellationToken));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(clock.Elapsed >= Patience - TimeSpan.FromMilliseconds(20));
    }

    private static async Task<(Type Thrown, TimeSpan Elapsed)> ConnectWithTimeoutAsync(IPEndPoint endPoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => socket.ConnectAsync(endPoint, timeout.Token).AsTask());
        return (error.GetType(), clock.Elapsed);
    }
}
