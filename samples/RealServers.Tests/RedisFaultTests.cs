using System;
using System.Collections.Generic;
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
public sealed class RedisFaultTests(RedisServer redisServer)
{
    private const int ConnectTimeoutMs = 3_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The client fails a refused connect the same way whether the kernel refused it at a closed port or
    /// <see cref="Faults.Refuse"/> made the kernel refuse it at the server's: the same calls, the same failure, and the
    /// same timing. This client sometimes waits its connect timeout after a refusal and sometimes fails at once, so each
    /// is tried four times, alternately: both fail at once at least once, where an injected errno never does.</summary>
    [Fact]
    public async Task ARefusedConnectFailsTheClientAsAClosedPortDoes()
    {
        var server = redisServer.Require();
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using (await ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 5_000)))
        {
            // The client's first connection in a process is slow to set up; measure the ones after it.
        }

        var real = new List<(ConnectionFailureType Failure, string Calls, TimeSpan Elapsed)>();
        var refused = new List<(ConnectionFailureType Failure, string Calls, TimeSpan Elapsed)>();
        for (int round = 0; round < 4; round++)
        {
            real.Add(await FailedConnectAsync((IPEndPoint)closed.LocalEndPoint!, null));
            refused.Add(await FailedConnectAsync(server, Faults.Refuse()));
        }

        var injected = await FailedConnectAsync(server, Faults.Fail(Errno.ECONNREFUSED));

        string Times(IEnumerable<(ConnectionFailureType, string, TimeSpan Elapsed)> runs) => string.Join(", ", runs.Select(r => $"{r.Elapsed.TotalMilliseconds:F0} ms"));
        TestContext.Current.TestOutputHelper?.WriteLine($"closed port: {Times(real)}; Refuse(): {Times(refused)}; Fail(ECONNREFUSED): {injected.Elapsed.TotalMilliseconds:F0} ms");
        Assert.All(refused, run => Assert.Equal((real[0].Failure, real[0].Calls), (run.Failure, run.Calls)));
        var fast = TimeSpan.FromMilliseconds(ConnectTimeoutMs / 3);
        Assert.Contains(real, run => run.Elapsed < fast);
        Assert.Contains(refused, run => run.Elapsed < fast);
        Assert.True(injected.Elapsed >= TimeSpan.FromMilliseconds(ConnectTimeoutMs * 0.8), $"Fail(ECONNREFUSED) took {injected.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task APartitionOfTwoSecondsHealsAndTheCommandIssuedDuringItCompletes()
    {
        var server = redisServer.Require();
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(server);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Options(server, syncTimeoutMs: 10_000));
        var db = connection.GetDatabase();
        await db.StringSetAsync("socktest:partition", "before");

        Task<RedisValue> during;
        using (scope.Partition(server))
        {
            during = db.StringGetAsync("socktest:partition");
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            Assert.False(during.IsCompleted, "a command completed across the partition");
        }

        // Timed from the heal: Task.Delay's coarse clock can end the two seconds a millisecond early by a Stopwatch.
        var sinceHeal = Stopwatch.StartNew();
        var value = await during.WaitAsync(TimeSpan.FromSeconds(5), Cancel);

        Assert.Equal("before", value.ToString());
        Assert.True(sinceHeal.Elapsed < TimeSpan.FromSeconds(1), $"the command completed {sinceHeal.Elapsed.TotalMilliseconds:F0} ms after the partition healed");
        Assert.True(connection.IsConnected);
        Assert.Empty(scope.FilterExceptions());
    }

    /// <summary>docs/test-kit.md's recipe as printed: the same partition, a command issued during it completes once
    /// healed, on the same connection.</summary>
    [Fact]
    public async Task ThePartitionRecipe()
    {
        var redis = redisServer.Require();
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(redis);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Options(redis, syncTimeoutMs: 10_000));
        var db = connection.GetDatabase();
        await db.StringSetAsync("key", "value");
        Task<RedisValue> pending;
        var clock = Stopwatch.StartNew();

#pragma warning disable xUnit1051 // the doc's delay takes no token
        // begin-doc: test-kit/redis-partition
        // StackExchange.Redis: partition the server for 2 s and watch the client recover.
        using (scope.Partition(redis))
        {
            pending = db.StringGetAsync("key");   // waits, no error, no thread held
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        await pending;                             // completes once healed, on the same connection
        // end-doc
#pragma warning restore xUnit1051

        Assert.Equal("value", (await pending).ToString());
        // The partition lasted the doc's two seconds, less the millisecond Task.Delay's coarse clock may end it early.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the command completed after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.True(connection.IsConnected);
        Assert.Empty(scope.FilterExceptions());
    }

    [Fact]
    public async Task AResetIsFeltAtOnceAndTheClientReconnects()
    {
        var server = redisServer.Require();
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
