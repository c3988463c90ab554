using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>The runtime's host-name lookups through the process-wide switch: answered by a test, failed with the
/// resolver's own errors, delayed, recorded, and the ones the runtime never makes (IP literals).</summary>
public static class HostLookupScenarios
{
    public const string ProductionName = "api.example.test";

    public static async Task DnsLookupIsAnsweredByTheOverride()
    {
        using var sockets = ProcessSockets.Install();
        sockets.SetHostFilter(HostFilters.Map(ProductionName, IPAddress.Loopback, IPAddress.IPv6Loopback));

        var addresses = await Dns.GetHostAddressesAsync(ProductionName);

        Check.That(addresses.Contains(IPAddress.Loopback) && addresses.Contains(IPAddress.IPv6Loopback), "both loopback addresses: " + string.Join(", ", addresses.Select(a => a.ToString())));
        var lookup = sockets.HostLookups().Single(l => l.HostName == ProductionName);
        Check.That(lookup.Injected && lookup.Error is null && lookup.Addresses.Count == 2, "recorded as answered by the filter: " + lookup);
    }

    public static async Task HttpClientToANameThatDoesNotExistReachesTheTestsServer()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        sockets.SetHostFilter(HostFilters.Map(ProductionName, IPAddress.Loopback));
        var url = new Uri(server.Url).GetLeftPart(UriPartial.Authority).Replace("127.0.0.1", ProductionName, StringComparison.Ordinal);

        using (var http = new HttpClient())
        {
            Check.Equal("ok", await http.GetStringAsync(url), "response through the overridden name");
        }

        Check.That(sockets.HostLookups().Any(l => l.HostName == ProductionName && l.Injected), "the lookup was seen");
    }

    /// <summary>SocketsHttpHandler reports HostNotFound and TryAgain as a name-resolution error, and NoRecovery as a
    /// connection error: <paramref name="expectedHttpError"/> is what .NET really says.</summary>
    public static async Task FailedLookupIsTheExceptionUsersSeeInProduction(HostError error, SocketError expected, HttpRequestError expectedHttpError)
    {
        using var sockets = ProcessSockets.Install();
        sockets.SetHostFilter(HostFilters.When(HostMatch.Name(ProductionName), HostFilters.Fail(error)));

        var dnsError = await Check.ThrowsAsync<SocketException>(() => Dns.GetHostAddressesAsync(ProductionName), "Dns.GetHostAddressesAsync");
        Check.Equal(expected, dnsError.SocketErrorCode, "Dns: socket error");

        using var http = new HttpClient();
        var httpError = await Check.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://{ProductionName}/"), "HttpClient.GetStringAsync");
        Check.That(httpError.InnerException is SocketException inner && inner.SocketErrorCode == expected, "HttpClient: inner SocketException " + expected + ", got " + httpError.InnerException);
        Check.Equal(expectedHttpError, httpError.HttpRequestError, "HttpRequestError");
        Check.That(sockets.HostLookups().All(l => l.Error == error && l.Injected), "every lookup recorded as failed by the filter");
    }

    public static async Task ThrowingHostFilterFailsTheLookupWithNoRecoveryAndIsRecorded()
    {
        using var sockets = ProcessSockets.Install();
        sockets.SetHostFilter(lookup => throw new InvalidOperationException("host filter failed"));

        var error = await Check.ThrowsAsync<SocketException>(() => Dns.GetHostAddressesAsync(ProductionName), "Dns.GetHostAddressesAsync");

        Check.Equal(SocketError.NoRecovery, error.SocketErrorCode, "socket error");
        Check.That(sockets.FilterExceptions().Any(e => e.Message == "host filter failed"), "the exception was kept");
    }

    public static async Task DelayedLookupOutlastsTheClientsTimeout()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        sockets.SetHostFilter(lookup => lookup.HostName == ProductionName ? HostAnswer.With(IPAddress.Loopback).WithDelay(TimeSpan.FromSeconds(2)) : default);
        var url = new Uri(server.Url).GetLeftPart(UriPartial.Authority).Replace("127.0.0.1", ProductionName, StringComparison.Ordinal);

        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var error = await Check.ThrowsAsync<TaskCanceledException>(() => http.GetStringAsync(url), "GetStringAsync");

        Check.That(error.InnerException is TimeoutException, "a TimeoutException inside: " + error.InnerException);
    }

    public static async Task RealLookupsAreRecordedAndIpLiteralsAreNeverLookedUp()
    {
        using var sockets = ProcessSockets.Install();

        var literal = await Dns.GetHostAddressesAsync("127.0.0.1");
        Check.Equal(0, sockets.HostLookups().Count, "lookups after an IP literal (the runtime parses it, never calls getaddrinfo)");
        Check.Equal(IPAddress.Loopback, literal.Single(), "the literal itself");

        var localhost = await Dns.GetHostAddressesAsync("localhost");
        var lookup = sockets.HostLookups().Single();
        Check.That(!lookup.Injected && lookup.HostName == "localhost" && lookup.Error is null, "recorded as the real resolver's: " + lookup);
        Check.That(localhost.All(lookup.Addresses.Contains), "the recorded addresses are the ones the runtime got");
    }

    public static void BadInputIsRefusedWithTheParameterNamed()
    {
        var empty = Check.Throws<ArgumentException>(() => HostFilters.Map(ProductionName), "Map with no address");
        Check.Equal("addresses", empty.ParamName, "parameter");
        var invalid = Check.Throws<ArgumentException>(() => HostFilters.Map("not a host!", IPAddress.Loopback), "Map of an invalid name");
        Check.That(invalid.Message.Contains("not a host!", StringComparison.Ordinal) && invalid.ParamName == "hostName", invalid.Message);
    }
}
