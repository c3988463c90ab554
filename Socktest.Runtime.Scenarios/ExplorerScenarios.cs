using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>The fault-space explorer end to end, run by the JIT tests and the NativeAOT binary alike: a client that
/// leaks its socket when the connect is refused is flagged at the connect, by a schedule that reads back from its line
/// and leaks again in a replay; the client that disposes it survives; the same seed plans the same schedules.</summary>
public static class ExplorerScenarios
{
    /// <summary>Refusals and one-byte reads at every point of a connect-and-read against a loopback listener.</summary>
    public static async Task ALeakOnARefusedConnectIsFoundAndReplayed()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var serving = ServeAsync(listener);
        var kept = new List<Socket>();
        var options = new ExploreOptions
        {
            Menu = new Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>>
            {
                [FaultPointKind.Connect] = [ExploreFault.Refuse],
                [FaultPointKind.Recv] = [ExploreFault.Short(1)],
            },
            MaxFaults = 1,
            RunTimeout = TimeSpan.FromSeconds(5),
            LeakTimeout = TimeSpan.FromMilliseconds(300),
            Seed = 3,
        };

        var leaky = await SocketFaultExplorer.ExploreAsync(_ => FetchAsync(endPoint, leakOnRefusal: kept), options);
        var failure = leaky.Failures.SingleOrDefault();
        Check.That(failure is not null, $"one failure group: {leaky}");
        Check.Equal(ExploreOutcome.Leaked, failure!.Outcome, "outcome");
        Check.Equal($"connect#1@s1<{endPoint}>=refuse", failure.Smallest.ToString(), "smallest schedule");
        Check.That(failure.Confirmed, $"confirmed: {leaky}");
        Check.Equal(0, leaky.UnstablePoints, "points that differed between the fault-free runs");

        var replay = await SocketFaultExplorer.ReplayAsync(_ => FetchAsync(endPoint, leakOnRefusal: kept), FaultSchedule.Parse(failure.Smallest.ToString()), options);
        Check.Equal(ExploreOutcome.Leaked, replay.Outcome, "replay of the parsed line");

        var twin = await SocketFaultExplorer.ExploreAsync(_ => FetchAsync(endPoint, leakOnRefusal: null), options);
        Check.Equal(0, twin.Failures.Count, $"the twin's failures: {twin}");
        Check.That(twin.Runs.Count(run => run.Injected == 1) >= 2, $"the twin's runs with a fault: {twin}");

        var again = await SocketFaultExplorer.ExploreAsync(_ => FetchAsync(endPoint, leakOnRefusal: null), options);
        Check.Equal(string.Join(" | ", twin.Runs.Select(run => run.Schedule)), string.Join(" | ", again.Runs.Select(run => run.Schedule)), "schedules of the same seed");

        foreach (var socket in kept)
        {
            socket.Dispose();
        }

        listener.Close();
        await serving;
    }

    /// <summary>Connects, reads the 16-byte greeting to its end, closes. On a refusal it gives up; with
    /// <paramref name="leakOnRefusal"/> it forgets to dispose the socket (kept reachable there, as a long-lived client
    /// object would keep it, so no finalizer closes it during the leak check).</summary>
    private static async Task FetchAsync(IPEndPoint endPoint, List<Socket>? leakOnRefusal)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint);
        }
        catch (SocketException)
        {
            if (leakOnRefusal is null)
            {
                socket.Dispose();
            }
            else
            {
                lock (leakOnRefusal)
                {
                    leakOnRefusal.Add(socket);
                }
            }

            return;
        }

        using (socket)
        {
            var greeting = new byte[16];
            for (int read = 0; read < greeting.Length;)
            {
                int n = await socket.ReceiveAsync(greeting.AsMemory(read));
                Check.That(n > 0, "the greeting ended early");
                read += n;
            }
        }
    }

    private static async Task ServeAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync();
                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        await connection.SendAsync(new byte[16]);
                        try
                        {
                            while (await connection.ReceiveAsync(new byte[16]) > 0)
                            {
                            }
                        }
                        catch (SocketException)
                        {
                        }
                    }
                });
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The listener was closed: the scenario is over.
        }
    }
}
