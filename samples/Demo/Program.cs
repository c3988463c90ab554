using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Socktest.Samples;
using Socktest.Samples.Dialing;
using Socktest.Samples.Echo;

namespace Demo;

/// <summary>
/// Echo servers on ::1 and 127.0.0.1 and six dialer clients, all through one switch; four faults are injected along
/// the way (a refused and a slow inet6 connect, aborted and out-of-descriptor accepts). Then a report: the clients,
/// Go-format statistics per cookie, the leak table, and what each fault caused. Exits 1 if a socket leaked, 2 if a
/// client was not served.
/// </summary>
public static class Program
{
    internal static readonly TimeSpan FallbackDelay = TimeSpan.FromMilliseconds(250);
    internal static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the demonstration.</summary>
    /// <returns>0, or 1 if a socket leaked, or 2 if a client was not served.</returns>
    public static int Main()
    {
        var calls = new SocketCallsSwitch();
        var outcomes = new List<ClientOutcome>();
        var faults = new List<string>();
        IPEndPoint[] addresses;

        using (var inet6Server = EchoServer.Start(calls, new IPEndPoint(IPAddress.IPv6Loopback, 0)))
        using (var inet4Server = EchoServer.Start(calls, new IPEndPoint(IPAddress.Loopback, 0)))
        {
            addresses = [inet6Server.LocalEndPoint, inet4Server.LocalEndPoint];
            var clients = new EchoClientRun(calls, new Dialer(calls) { FallbackDelay = FallbackDelay }, addresses);

            outcomes.Add(clients.Run(1, "none"));
            outcomes.Add(FaultScenarios.RefusedInet6Connect(calls, clients, faults));
            outcomes.Add(FaultScenarios.SlowInet6Connect(calls, clients, faults));
            outcomes.Add(FaultScenarios.AbortedAccepts(calls, clients, inet6Server, faults));
            outcomes.Add(FaultScenarios.OutOfDescriptorsOnAccept(calls, clients, inet6Server, faults));
            outcomes.Add(clients.Run(6, "none"));

            Task.WaitAll(outcomes.Select(outcome => outcome.Dial.Settled).ToArray(), SettleTimeout);
        }

        return Report.Print(calls, addresses, FallbackDelay, outcomes, faults);
    }

    internal static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";
}
