using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary><see cref="Faults.Reset"/> against a peer that closes with SO_LINGER 0, side by side: a receive pending on
/// another thread wakes at once with ConnectionReset, the peer sees the reset, and later calls fail as after a real
/// one.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class ResetTests
{
    private static readonly TimeSpan Prompt = Socktest.Scenarios.Timing.Limit(TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task ARealResetWakesAPendingReceive()
    {
        var (client, server) = LoopbackConditions.ConnectedPair();
        using var _ = client;
        var pending = client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        LoopbackConditions.ResetByPeer(server);
        var woke = await Assert.ThrowsAsync<SocketException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.Equal(SocketError.ConnectionReset, woke.SocketErrorCode);
        Assert.True(clock.Elapsed < Prompt, $"woke after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(0, await client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.Shutdown, Assert.Throws<SocketException>(() => client.Send(new byte[1])).SocketErrorCode);
    }

    [Fact]
    public async Task AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt()
    {
        using var scope = ProcessSockets.BeginScope();
        var (client, server) = LoopbackConditions.ConnectedPair();
        using var _ = client;
        using var __ = server;
        var pending = client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        scope.Set(FilterType.Send, Faults.Reset());

        var clock = Stopwatch.StartNew();
        var failed = Assert.Throws<SocketException>(() => client.Send(new byte[1]));
        var woke = await Assert.ThrowsAsync<SocketException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        var elapsed = clock.Elapsed;
        scope.Set(FilterType.Send, null);

        Assert.Equal(SocketError.ConnectionReset, failed.SocketErrorCode);
        Assert.Equal(SocketError.ConnectionReset, woke.SocketErrorCode);
        Assert.True(elapsed < Prompt, $"woke after {elapsed.TotalMilliseconds} ms");
        var felt = await Assert.ThrowsAsync<SocketException>(() => server.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.ConnectionReset, felt.SocketErrorCode);
        Assert.Equal(0, await client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.Shutdown, Assert.Throws<SocketException>(() => client.Send(new byte[1])).SocketErrorCode);
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task ResetAfterOnAServersSendNeverStallsEitherSide()
    {
        byte[] body = new byte[1 << 20];
        using var scope = ProcessSockets.BeginScope();
        await using var server = await KestrelServer.StartAsync(KestrelServer.Serving(body));
        scope.Set(FilterType.Send, Faults.When(SocketMatch.LocalPort(server.Url.Port), Faults.ResetAfter(100_000)));
        int stalls = 0;
        for (int run = 0; run < 50; run++)
        {
            using var client = new System.Net.Http.HttpClient();
            var request = client.GetByteArrayAsync(server.Url, TestContext.Current.CancellationToken);
            if (await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)) != request)
            {
                stalls++;
                continue;
            }

            // What a reset in the middle of a body gives HttpClient: the copy of the content fails on the socket's reset.
            var error = await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => request);
            var reset = Assert.IsType<SocketException>(Assert.IsType<System.IO.IOException>(error.InnerException).InnerException);
            Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        }

        Assert.Equal(0, stalls);
    }

    [Fact]
    public void ResetOnACallThatHasNoConnectionSaysWhichCallsCan()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Listen, Faults.Reset());
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));

        Assert.Throws<SocketException>(() => listener.Listen(1));

        var thrown = Assert.IsType<InvalidOperationException>(Assert.Single(scope.FilterExceptions()));
        Assert.Contains("only a call on a connected socket", thrown.Message, StringComparison.Ordinal);
    }
}
