using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using Xunit;

[assembly: AssemblyFixture(typeof(Socktest.Samples.RealServers.Tests.RedisServer))]

namespace Socktest.Samples.RealServers.Tests;

/// <summary>StackExchange.Redis against a real redis-server, each test in a scope of its own that claims the server's
/// endpoint (the client opens its sockets on its own threads): the faults made in the kernel take the client down the
/// path the network would, at the network's speed.</summary>
public sealed class RedisFaultTests(RedisServer redis)
{
    private const int ConnectTimeoutMs = 3_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The client fails a refused connect the same way whether the kernel refused it at a closed port or
    /// <see cref="Faults.Refuse"/> made the kernel refuse it at the server's, within the same time (this client
    /// sometimes waits its connect timeout after a real refusal too, so the two are compared run against run).</summary>
    [Fact]
    public async Task ARefusedConnectFailsTheClientAsAClosedPortDoes()
    {
        var server = redis.Require();
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using (await ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 5_000)))
        {
            // The client's first connection in a process is slow to set up; measure the ones after it.
        }

        var real = await FailedConnectAsync((IPEndPoint)closed.LocalEndPoint!, null);
        var refused = await FailedConnectAsync(server, Faults.Refuse());

        TestContext.Current.TestOutputHelper?.WriteLine($"closed port: {real.Elapsed.TotalMilliseconds:F0} ms, Refuse(): {refused.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(real.Failure, refused.Failure);
        Assert.Equal(real.Calls, refused.Calls);
        Assert.True(refused.Elapsed < real.Elapsed + TimeSpan.FromSeconds(1), $"Refuse() took {refused.Elapsed.TotalMilliseconds} ms, the real refusal {real.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task APartitionOfTwoSecondsHealsAndTheCommandIssuedDuringItCompletes()
    {
        var server = redis.Require();
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(server);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 10_000));
        var db = connection.GetDatabase();
        await db.StringSetAsync("socktest:partition", "before");

        var clock = Stopwatch.StartNew();
        Task<RedisValue> during;
        using (scope.Partition(server))
        {
            during = db.StringGetAsync("socktest:partition");
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            Assert.False(during.IsCompleted, "a command completed across the partition");
        }

        var value = await during.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        var elapsed = clock.Elapsed;

        Assert.Equal("before", value.ToString());
        Assert.InRange(elapsed.TotalSeconds, 2.0, 3.0);
        Assert.True(connection.IsConnected);
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task AResetIsFeltAtOnceAndTheClientReconnects()
    {
        var server = redis.Require();
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(server);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 5_000));
        var failed = new TaskCompletionSource<ConnectionFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionFailed += (_, args) => failed.TrySetResult(args);
        var db = connection.GetDatabase();
        await db.PingAsync();

        scope.Set(FilterType.Recv, Faults.When(SocketMatch.NthSocket(1), Faults.Reset()));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<RedisException>(() => db.PingAsync());
        var args = await failed.Task.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        var felt = clock.Elapsed;
        scope.Set(FilterType.Recv, null);

        Assert.True(felt < TimeSpan.FromSeconds(1), $"the client noticed the reset after {felt.TotalMilliseconds} ms");
        Assert.Equal(ConnectionFailureType.SocketFailure, args.FailureType);
        var deadline = Stopwatch.StartNew();
        while (!connection.IsConnected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Cancel);
        }

        Assert.True(connection.IsConnected, "the client did not reconnect");
        await db.PingAsync();
    }

    private static async Task<(ConnectionFailureType Failure, string Calls, TimeSpan Elapsed)> FailedConnectAsync(IPEndPoint server, Filter? connectFault)
    {
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(server);
        using var trace = scope.StartTrace();
        scope.Set(FilterType.Connect, connectFault);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 5_000)));
        var elapsed = clock.Elapsed;
        string calls = string.Join(", ", trace.Entries()
            .Where(e => e.Operation is FilterType.Connect or FilterType.GetsockoptInt)
            .Select(e => e.Operation + " " + (e.Error == Errno.None ? "ok" : e.Error.ToString()))
            .Distinct());
        return (error.FailureType, calls, elapsed);
    }

    private static ConfigurationOptions Options(IPEndPoint server, int syncTimeoutMs) => new()
    {
        EndPoints = { server },
        ConnectTimeout = ConnectTimeoutMs,
        ConnectRetry = 1,
        AbortOnConnectFail = true,
        SyncTimeout = syncTimeoutMs,
        AsyncTimeout = syncTimeoutMs,
    };
}
