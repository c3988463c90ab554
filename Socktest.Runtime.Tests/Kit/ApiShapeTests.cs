using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary>The ready-made host filters have the shape of <see cref="Faults"/> (each applies to every lookup that
/// reaches it, <c>When</c> with a predicate picks lookups), and the trace timestamps on the clock it is given.</summary>
public class ApiShapeTests
{
    private static readonly HostLookup Production = new("api.example.test", AddressFamily.Unspecified);
    private static readonly HostLookup Other = new("other.example.test", AddressFamily.InterNetwork);

    [Fact]
    public void HostFiltersApplyToEveryLookupAndWhenPicksThem()
    {
        Assert.Equal(HostError.TryAgain, HostFilters.Fail(HostError.TryAgain)(Other).Error);
        Assert.Equal([IPAddress.Loopback], HostFilters.Answer(IPAddress.Loopback)(Other).Addresses);
        Assert.Equal(TimeSpan.FromSeconds(2), HostFilters.Delay(TimeSpan.FromSeconds(2))(Other).DelayedBy);

        var picked = HostFilters.When(HostMatch.Name("API.example.test."), HostFilters.Fail(HostError.HostNotFound));
        Assert.Equal(HostError.HostNotFound, picked(Production).Error);
        Assert.Equal(default, picked(Other));

        var mapped = HostFilters.Map("api.example.test", IPAddress.Loopback);
        Assert.Equal([IPAddress.Loopback], mapped(Production).Addresses);
        Assert.Null(mapped(Other).Addresses);

        Assert.True(HostMatch.Family(AddressFamily.InterNetwork)(Other));
        Assert.False(HostMatch.Family(AddressFamily.InterNetwork)(Production));
        Assert.Throws<ArgumentException>(() => HostMatch.Name("not a host!"));
        Assert.Throws<ArgumentOutOfRangeException>(() => HostFilters.Delay(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void AHostNameLongerThanDnsAllowsIsRefusedWithTheReason()
    {
        string longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61);
        Assert.Equal(253, longest.Length);
        Assert.True(HostMatch.Name(longest)(new HostLookup(longest + ".", AddressFamily.Unspecified)));
        Assert.True(HostFilters.Map(longest + ".", IPAddress.Loopback)(new HostLookup(longest, AddressFamily.Unspecified)).Addresses is [_]);

        string tooLong = longest + "b";
        var byName = Assert.Throws<ArgumentException>("hostName", () => HostMatch.Name(tooLong));
        var byMap = Assert.Throws<ArgumentException>("hostName", () => HostFilters.Map(tooLong + ".", IPAddress.Loopback));

        Assert.StartsWith("The host name is 254 characters long; a DNS name has at most 253 (255 octets on the wire)", byName.Message);
        Assert.Equal(byName.Message, byMap.Message);
    }

    [Fact]
    public void AHostLookupRecordPrintsItsAddresses()
    {
        var answered = new HostLookupRecord("api.example.test", AddressFamily.Unspecified, [IPAddress.Loopback, IPAddress.IPv6Loopback], null, true);
        var failed = new HostLookupRecord("gone.example.test", AddressFamily.InterNetwork, [], HostError.HostNotFound, false);

        Assert.Equal(
            "HostLookupRecord { HostName = api.example.test, Family = Unspecified, Addresses = [127.0.0.1, ::1], Error = , Injected = True }",
            answered.ToString());
        Assert.Equal(
            "HostLookupRecord { HostName = gone.example.test, Family = InterNetwork, Addresses = [], Error = HostNotFound, Injected = False }",
            failed.ToString());
    }

    [Fact]
    public void AHostAnswerCarriesItsDelayAndItsClock()
    {
        var clock = new FakeTimeProvider();
        var delayed = HostAnswer.Delay(TimeSpan.FromSeconds(1), clock);
        Assert.Equal(TimeSpan.FromSeconds(1), delayed.DelayedBy);
        Assert.Same(clock, delayed.TimeProvider);
        Assert.Null(delayed.Addresses);

        var answer = HostAnswer.With(IPAddress.Loopback).WithDelay(TimeSpan.FromMilliseconds(5));
        Assert.Equal([IPAddress.Loopback], answer.Addresses);
        Assert.Equal(TimeSpan.FromMilliseconds(5), answer.DelayedBy);
        Assert.Null(answer.TimeProvider);
        Assert.Throws<ArgumentOutOfRangeException>(() => HostAnswer.Delay(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void TheTraceReadsTheClockItIsGiven()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var sw = new SocketCallsSwitch();
        using var trace = sw.StartTrace(timeProvider: clock);
        Assert.Same(clock, trace.TimeProvider);
        Assert.Equal(clock.GetUtcNow(), trace.Started);

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.True(fd >= 0);
        Assert.Equal(0, sw.Close(fd));

        var entries = trace.Entries();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(TimeSpan.FromMilliseconds(1500), trace.Elapsed(e)));
        Assert.Contains("1500.000", trace.Format(), StringComparison.Ordinal);
    }
}
