using System;
using System.Collections.Generic;
using System.Threading;
using Socktest;
using Socktest.Samples;
using Socktest.Samples.Echo;
using static Socktest.Interop.SocketConstants;
using static Demo.Program;

namespace Demo;

/// <summary>The demo's injected faults: each deploys a filter, runs one client, clears the filter, and says what the fault caused.</summary>
internal static class FaultScenarios
{
    private static readonly TimeSpan SlowConnect = TimeSpan.FromSeconds(1);

    public static ClientOutcome RefusedInet6Connect(SocketCallsSwitch calls, EchoClientRun clients, List<string> faults)
    {
        Socktest.Cookie refused = default;
        calls.Set(FilterType.Connect, status =>
        {
            if (status.Cookie.Family != AF_INET6)
            {
                return Errno.None;
            }

            refused = status.Cookie;
            return Errno.ECONNREFUSED;
        });
        ClientOutcome outcome = clients.Run(2, "ECONNREFUSED on the inet6 connect");
        calls.Set(FilterType.Connect, null);

        faults.Add($"connect {refused} -> ECONNREFUSED (injected): client 2 fell back to {outcome.Dial.RemoteEndPoint} at once, "
            + $"connected in {Ms(outcome.Dial.Elapsed)} without waiting out the {Ms(FallbackDelay)} fallback delay");
        return outcome;
    }

    public static ClientOutcome SlowInet6Connect(SocketCallsSwitch calls, EchoClientRun clients, List<string> faults)
    {
        Socktest.Cookie slowed = default;
        calls.Set(FilterType.Connect, status =>
        {
            if (status.Cookie.Family == AF_INET6)
            {
                slowed = status.Cookie;
                Thread.Sleep(SlowConnect);
            }

            return FilterResult.Proceed;
        });
        ClientOutcome outcome = clients.Run(3, $"inet6 connect slowed by {Ms(SlowConnect)}");
        calls.Set(FilterType.Connect, null);
        bool loserClosed = outcome.Dial.Settled.Wait(SettleTimeout);

        faults.Add($"connect {slowed} slowed by {Ms(SlowConnect)}: client 3's fallback started after the {Ms(FallbackDelay)} delay, "
            + $"{outcome.Dial.RemoteEndPoint} won in {Ms(outcome.Dial.Elapsed)}; the losing ::1 attempt "
            + (loserClosed ? "was closed when its connect returned" : "had not finished"));
        return outcome;
    }

    public static ClientOutcome AbortedAccepts(SocketCallsSwitch calls, EchoClientRun clients, EchoServer server, List<string> faults)
    {
        const int injected = 2;
        int acceptCalls = 0;
        Socktest.Cookie aborted = default;
        calls.Set(FilterType.Accept, status =>
        {
            aborted = status.Cookie;
            return Interlocked.Increment(ref acceptCalls) <= injected ? Errno.ECONNABORTED : Errno.None;
        });
        int before = server.AbortedAccepts;
        ClientOutcome outcome = clients.Run(4, $"ECONNABORTED on {injected} accepts");
        calls.Set(FilterType.Accept, null);

        faults.Add($"accept {aborted} -> ECONNABORTED x{injected} (injected): the ::1 server retried at once "
            + $"({server.AbortedAccepts - before} retries, no delay) and client 4 was {(outcome.Served ? "served" : "NOT served")}");
        return outcome;
    }

    public static ClientOutcome OutOfDescriptorsOnAccept(SocketCallsSwitch calls, EchoClientRun clients, EchoServer server, List<string> faults)
    {
        const int injected = 3;
        int acceptCalls = 0;
        Socktest.Cookie failed = default;
        calls.Set(FilterType.Accept, status =>
        {
            failed = status.Cookie;
            return Interlocked.Increment(ref acceptCalls) <= injected ? Errno.EMFILE : Errno.None;
        });
        ClientOutcome outcome = clients.Run(5, $"EMFILE on {injected} accepts");
        calls.Set(FilterType.Accept, null);

        faults.Add($"accept {failed} -> EMFILE x{injected} (injected): the ::1 server backed off {server.Backoffs} times, "
            + $"{Ms(server.TotalBackoff)} in all (5, 10, 20 ms), then client 5 was {(outcome.Served ? "served" : "NOT served")}");
        return outcome;
    }
}
