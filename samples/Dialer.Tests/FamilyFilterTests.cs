using System;
using System.Threading.Tasks;
using Socktest;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.Dialing.Tests;

/// <summary>A connect filter that disables one family, like Go's <c>disableSocketConnect</c> in its net tests.</summary>
public sealed class FamilyFilterTests : IDisposable
{
    private readonly LoopbackListeners _listeners = new();
    private readonly SocketCallsSwitch _calls = new();

    public void Dispose() => _listeners.Dispose();

    public static TheoryData<bool> DisabledFamilyIsInet6 => new() { true, false };

    [Theory]
    [MemberData(nameof(DisabledFamilyIsInet6))]
    public async Task DisabledPrimaryFamilyFallsBackToTheOther(bool disableInet6)
    {
        int disabled = disableInet6 ? AF_INET6 : AF_INET;
        int enabled = disableInet6 ? AF_INET : AF_INET6;
        var preferred = disableInet6 ? _listeners.Inet6 : _listeners.Inet4;
        var other = disableInet6 ? _listeners.Inet4 : _listeners.Inet6;
        DisableSocketConnect(disabled);
        var dialer = new Dialer(_calls) { FallbackDelay = TimeSpan.FromSeconds(5) };

        DialResult result = dialer.Dial([preferred, other]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(other, result.RemoteEndPoint);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(2.5), $"the fallback waited {result.Elapsed}");
        Assert.Equal(0, _calls.Close(result.Fd));
        await result.Settled.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        _calls.AssertNoLeaks();
        Counts.Assert(_calls, disabled, opened: 1, connectFailed: 0, connected: 0, closed: 1);
        Counts.Assert(_calls, enabled, opened: 1, connectFailed: 1, connected: 1, closed: 1);
    }

    [Fact]
    public void DisabledFamilyAloneFailsWithTheInjectedError()
    {
        DisableSocketConnect(AF_INET6);
        var dialer = new Dialer(_calls);

        DialResult result = dialer.Dial([_listeners.Inet6]);

        Assert.Equal(Errno.EHOSTUNREACH, result.Error);
        Assert.True(result.Settled.IsCompleted);
        _calls.AssertNoLeaks();
        Counts.Assert(_calls, AF_INET6, opened: 1, connectFailed: 0, connected: 0, closed: 1);
    }

    /// <summary>Go's disableSocketConnect: fail stream connects of one family with EHOSTUNREACH.</summary>
    private void DisableSocketConnect(int family)
        => _calls.Set(FilterType.Connect, status =>
            status.Cookie.Family == family && (status.Cookie.Type & 0xf) == SOCK_STREAM ? Errno.EHOSTUNREACH : Errno.None);
}
