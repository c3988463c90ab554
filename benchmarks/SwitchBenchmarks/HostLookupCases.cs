using System.Net;

namespace Socktest.Benchmarks;

/// <summary>
/// <c>Dns.GetHostAddresses("localhost")</c> (glibc's getaddrinfo, answered from /etc/hosts): not hooked; with
/// <see cref="ProcessSockets"/> installed and no host filter (every lookup recorded); and answered by a host filter
/// (glibc never asked). Hooked rounds install at their start and remove the hook at the end, outside the timing.
/// </summary>
internal sealed class HostLookupCases
{
    private static readonly HostFilter Override = HostFilters.Map("localhost", IPAddress.Loopback);

    /// <summary>The group.</summary>
    public Case[] Lookups() =>
    [
        new("Dns.GetHostAddresses(localhost), not hooked", n => Run(n, install: false, filter: null)),
        new("the same, ProcessSockets installed, no host filter", n => Run(n, install: true, filter: null)),
        new("the same, answered by HostFilters.Map", n => Run(n, install: true, filter: Override)),
    ];

    private static Sample Run(int n, bool install, HostFilter? filter)
    {
        using var sockets = install ? ProcessSockets.Install() : null;
        sockets?.SetHostFilter(filter);
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            Dns.GetHostAddresses("localhost");
        }

        return meter.Stop(n);
    }
}
