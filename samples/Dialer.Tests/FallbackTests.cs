using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Socktest;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.Dialing.Tests;

/// <summary>
/// The fallback between families, driven by faults injected on the inet6 connect. A successful non-blocking dial
/// counts <c>connectfailed=1</c> (its EINPROGRESS) and <c>connected=1</c> (SO_ERROR read as 0), as in Go.
/// </summary>
public sealed class FallbackTests : IDisposable
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    private readonly LoopbackListeners _listeners = new();
    private readonly SocketCallsSwitch _calls = new();

    public void Dispose() => _listeners.Dispose();

    [Fact]
    public async Task PrimaryThatConnectsWinsWithoutStartingTheFallback()
    {
        var dialer = new Dialer(_calls) { FallbackDelay = TimeSpan.FromSeconds(5) };

        DialResult result = dialer.Dial([_listeners.Inet6, _listeners.Inet4]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(_listeners.Inet6, result.RemoteEndPoint);
        Assert.False(result.FallbackStarted);
        await CloseAndSettle(result);
        Counts.Assert(_calls, AF_INET6, opened: 1, connectFailed: 1, connected: 1, closed: 1);
        Counts.AssertUntouched(_calls, AF_INET);
    }

    [Fact]
    public async Task RefusedPrimaryFallsBackAtOnce()
    {
        var fallbackDelay = TimeSpan.FromSeconds(5);
        var dialer = new Dialer(_calls) { FallbackDelay = fallbackDelay };
        _calls.Set(FilterType.Connect, status => status.Cookie.Family == AF_INET6 ? Errno.ECONNREFUSED : Errno.None);

        DialResult result = dialer.Dial([_listeners.Inet6, _listeners.Inet4]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(_listeners.Inet4, result.RemoteEndPoint);
        Assert.True(result.FallbackStarted);
        Assert.True(result.Elapsed < fallbackDelay / 2, $"the fallback waited {result.Elapsed} of a {fallbackDelay} delay");
        await CloseAndSettle(result);

        // The injected ECONNREFUSED is counted nowhere: the inet6 socket was opened and closed, nothing else.
        Counts.Assert(_calls, AF_INET6, opened: 1, connectFailed: 0, connected: 0, closed: 1);
        Counts.Assert(_calls, AF_INET, opened: 1, connectFailed: 1, connected: 1, closed: 1);
    }

    [Fact]
    public async Task SlowPrimaryLetsTheFallbackStartAfterTheDelayAndTheLoserIsClosed()
    {
        var fallbackDelay = TimeSpan.FromMilliseconds(500);
        var slowConnect = TimeSpan.FromSeconds(3);
        var dialer = new Dialer(_calls) { FallbackDelay = fallbackDelay };
        _calls.Set(FilterType.Connect, status =>
        {
            if (status.Cookie.Family == AF_INET6)
            {
                Thread.Sleep(slowConnect);
            }

            return FilterResult.Proceed;
        });

        DialResult result = dialer.Dial([_listeners.Inet6, _listeners.Inet4]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(_listeners.Inet4, result.RemoteEndPoint);
        Assert.True(result.FallbackStarted);
        Assert.True(result.Elapsed >= fallbackDelay - TimeSpan.FromMilliseconds(20), $"the fallback started after {result.Elapsed}, before the {fallbackDelay} delay");
        Assert.True(result.Elapsed < slowConnect - TimeSpan.FromMilliseconds(500), $"the dial took {result.Elapsed}: it waited for the slow primary");
        Assert.False(result.Settled.IsCompleted, "the slow inet6 attempt should still be in its connect");
        await CloseAndSettle(result);

        // The loser's connect went ahead after the sleep (EINPROGRESS), then it saw it had lost and closed its socket.
        Counts.Assert(_calls, AF_INET6, opened: 1, connectFailed: 1, connected: 0, closed: 1);
        Counts.Assert(_calls, AF_INET, opened: 1, connectFailed: 1, connected: 1, closed: 1);
    }

    [Fact]
    public async Task WhenEveryFamilyFailsThePrimarysErrorIsReturned()
    {
        var dialer = new Dialer(_calls) { FallbackDelay = TimeSpan.FromSeconds(5) };
        _calls.Set(FilterType.Connect, status => status.Cookie.Family == AF_INET6 ? Errno.EHOSTUNREACH : Errno.ECONNREFUSED);

        DialResult result = dialer.Dial([_listeners.Inet6, _listeners.Inet4]);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Equal(-1, result.Fd);
        Assert.Equal(Errno.EHOSTUNREACH, result.Error);
        await CloseAndSettle(result);
        Counts.Assert(_calls, AF_INET6, opened: 1, connectFailed: 0, connected: 0, closed: 1);
        Counts.Assert(_calls, AF_INET, opened: 1, connectFailed: 0, connected: 0, closed: 1);
    }

    [Fact]
    public async Task KernelRefusalMovesOnToTheNextAddressOfTheSameFamily()
    {
        var dialer = new Dialer(_calls);
        var closedPort = LoopbackListeners.ClosedInet4Port();

        DialResult result = dialer.Dial([closedPort, _listeners.Inet4]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(_listeners.Inet4, result.RemoteEndPoint);
        Assert.False(result.FallbackStarted);
        await CloseAndSettle(result);

        // Both connects were EINPROGRESS; SO_ERROR then read ECONNREFUSED (not counted) for one and 0 for the other.
        Counts.Assert(_calls, AF_INET, opened: 2, connectFailed: 2, connected: 1, closed: 2);
    }

    private async Task CloseAndSettle(DialResult result)
    {
        if (result.Succeeded)
        {
            Assert.Equal(0, _calls.Close(result.Fd));
        }

        await result.Settled.WaitAsync(SettleTimeout);
        _calls.AssertNoLeaks();
    }
}
