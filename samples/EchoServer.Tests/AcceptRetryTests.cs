using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Socktest;
using Xunit;

namespace Socktest.Samples.Echo.Tests;

/// <summary>Faults injected on accept, and what the accept loop does about them.</summary>
public sealed class AcceptRetryTests
{
    private readonly SocketCallsSwitch _calls = new();

    [Fact]
    public void ConnectionsAbortedBeforeAcceptAreRetriedWhileClientsKeepBeingServed()
    {
        const int injected = 3;
        const int clients = 5;
        int acceptCalls = 0;

        // Before the call, so the kernel's queue keeps the connection: the next accept must pick it up.
        _calls.Set(FilterType.Accept, _ => Interlocked.Increment(ref acceptCalls) <= injected ? Errno.ECONNABORTED : Errno.None);

        using (var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Loopback, 0)))
        {
            var connected = new List<Client>();
            for (int i = 0; i < clients; i++)
            {
                var client = new Client(server.LocalEndPoint);
                connected.Add(client);
                client.AssertEchoes($"client {i}");
            }

            Assert.Equal(injected, server.AbortedAccepts);
            Assert.Equal(injected + clients, Volatile.Read(ref acceptCalls));
            Assert.False(server.AcceptLoopCompletion.IsCompleted);
            connected.ForEach(client => client.Dispose());
        }

        _calls.AssertNoLeaks();
        ServerStats.Assert(_calls, accepted: clients); // an injected error is counted nowhere: acceptfailed=0
    }

    [Fact]
    public void ConnectionAbortedAfterTheKernelAcceptedIsClosedAndTheNextOneServed()
    {
        int acceptCalls = 0;
        _calls.Set(FilterType.Accept, _ => Interlocked.Increment(ref acceptCalls) == 1
            ? FilterResult.After(_ => Errno.ECONNABORTED) // the switch closes the accepted descriptor
            : FilterResult.Proceed);

        using (var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Loopback, 0)))
        {
            using var dropped = new Client(server.LocalEndPoint);
            Assert.True(dropped.SeesEndOfStream());
            using var served = new Client(server.LocalEndPoint);
            served.AssertEchoes("still serving");
            Assert.Equal(1, server.AbortedAccepts);
        }

        _calls.AssertNoLeaks();
        // As in Go, the after-filter's error is counted nowhere: neither the first accept nor the switch's close of it.
        ServerStats.Assert(_calls, accepted: 1);
    }

    [Theory]
    [InlineData("EMFILE")]
    [InlineData("ENFILE")]
    public void OutOfDescriptorsBacksOffWithoutSpinning(string name)
    {
        Errno outOfDescriptors = name == "EMFILE" ? Errno.EMFILE : Errno.ENFILE;
        var window = TimeSpan.FromMilliseconds(1500);
        int failing = 1;
        int failedAccepts = 0;
        _calls.Set(FilterType.Accept, _ =>
        {
            if (Volatile.Read(ref failing) == 0)
            {
                return Errno.None;
            }

            Interlocked.Increment(ref failedAccepts);
            return outOfDescriptors;
        });

        using (var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Loopback, 0)))
        {
            // The pending connection keeps the listener readable, so a loop without backoff would call accept
            // thousands of times in the window. Backing off from 5 ms, doubling, it calls about 9 times.
            using var client = new Client(server.LocalEndPoint);
            Thread.Sleep(window);
            Volatile.Write(ref failing, 0);
            int calls = Volatile.Read(ref failedAccepts);

            Assert.InRange(calls, 4, 20);
            Assert.Equal(calls, server.Backoffs);
            Assert.True(server.TotalBackoff <= window + TimeSpan.FromSeconds(1), $"backed off {server.TotalBackoff} in all");

            // The errors stop, the backoff (at most 1 s) runs out, and the waiting client is served.
            client.AssertEchoes("served after the backoff");
            Assert.False(server.AcceptLoopCompletion.IsCompleted);
        }

        _calls.AssertNoLeaks();
        ServerStats.Assert(_calls, accepted: 1);
    }

    [Fact]
    public async Task AnyOtherAcceptErrorStopsTheLoop()
    {
        _calls.Set(FilterType.Accept, Faults.Fail(Errno.EINVAL));
        var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new Client(server.LocalEndPoint);

        await server.AcceptLoopCompletion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(Errno.EINVAL, server.StopError);
        Assert.Single(_calls.Sockets()); // the listener stays open until Stop
        server.Stop();

        _calls.AssertNoLeaks();
        ServerStats.Assert(_calls, accepted: 0);
    }
}
