using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Socktest;

namespace Socktest.Samples.Dialing;

/// <summary>
/// A TCP dialer on raw socket calls that tries a list of addresses the way Go's <c>dialParallel</c> does
/// (RFC 8305, "Happy Eyeballs"): the addresses of the first one's family are the primaries and are tried in turn; the
/// others are the fallbacks, tried in turn on a second thread that starts after <see cref="FallbackDelay"/>, or at
/// once when the primaries fail. The first connected socket wins; the loser is closed.
/// </summary>
/// <param name="calls">The socket calls: <c>ISocketCalls.Native</c>, or a switch in tests.</param>
public sealed class Dialer(ISocketCalls calls)
{
    private readonly ISocketCalls _calls = calls ?? throw new ArgumentNullException(nameof(calls));

    /// <summary>How long the primaries get before the fallbacks start; Go's default is 300 ms.</summary>
    public TimeSpan FallbackDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long one address's connect may take before it fails with ETIMEDOUT.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Dials the addresses; see the class remarks for the order.</summary>
    /// <param name="addresses">IPv4 and IPv6 end points, in order of preference.</param>
    /// <returns>The connected socket, or the primaries' first error.</returns>
    public DialResult Dial(IReadOnlyList<IPEndPoint> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0)
        {
            throw new ArgumentException("Nothing to dial.", nameof(addresses));
        }

        var clock = Stopwatch.StartNew();
        var primaries = addresses.Where(a => a.AddressFamily == addresses[0].AddressFamily).ToArray();
        var fallbacks = addresses.Where(a => a.AddressFamily != addresses[0].AddressFamily).ToArray();
        if (fallbacks.Length == 0)
        {
            Attempt only = DialSerial(primaries, CancellationToken.None);
            return new DialResult(only.Fd, only.Error, only.EndPoint, fallbackStarted: false, clock.Elapsed, Task.CompletedTask);
        }

        return DialParallel(primaries, fallbacks, clock);
    }

    private DialResult DialParallel(IPEndPoint[] primaries, IPEndPoint[] fallbacks, Stopwatch clock)
    {
        var race = new Race(_calls);
        var abandon = new CancellationTokenSource();
        var racers = new List<Task> { StartRacer(race, primaries, primary: true, abandon.Token) };
        Attempt? primaryFailure = null;
        Attempt? fallbackFailure = null;
        Attempt? winner = null;

        while (true)
        {
            bool fallbackStarted = racers.Count > 1;
            TimeSpan wait = fallbackStarted ? Timeout.InfiniteTimeSpan : Max(TimeSpan.Zero, FallbackDelay - clock.Elapsed);
            if (!race.TryTake(wait, out Attempt attempt, out bool primary))
            {
                racers.Add(StartRacer(race, fallbacks, primary: false, abandon.Token));
                continue;
            }

            if (attempt.Succeeded)
            {
                winner = attempt;
                break;
            }

            if (primary)
            {
                primaryFailure = attempt;
                if (!fallbackStarted)
                {
                    racers.Add(StartRacer(race, fallbacks, primary: false, abandon.Token));
                }
            }
            else
            {
                fallbackFailure = attempt;
            }

            if (primaryFailure is not null && fallbackFailure is not null)
            {
                break;
            }
        }

        abandon.Cancel();
        race.Finish();
        Task settled = Task.WhenAll(racers).ContinueWith(_ => abandon.Dispose(), TaskScheduler.Default);
        return winner is { } won
            ? new DialResult(won.Fd, Errno.None, won.EndPoint, racers.Count > 1, clock.Elapsed, settled)
            : new DialResult(-1, primaryFailure!.Value.Error, null, racers.Count > 1, clock.Elapsed, settled);
    }

    private Task StartRacer(Race race, IPEndPoint[] addresses, bool primary, CancellationToken abandon)
        => Task.Factory.StartNew(
            () =>
            {
                Attempt attempt = DialSerial(addresses, abandon);
                if (!race.TryDeliver(attempt, primary) && attempt.Succeeded)
                {
                    _calls.Close(attempt.Fd);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Tries each address in turn; returns the first connected socket, or the first error (Go's dialSerial).</summary>
    private Attempt DialSerial(IPEndPoint[] addresses, CancellationToken abandon)
    {
        Errno firstError = Errno.None;
        foreach (IPEndPoint address in addresses)
        {
            if (abandon.IsCancellationRequested)
            {
                break;
            }

            Attempt attempt = TcpConnect.To(_calls, address, ConnectTimeout, abandon);
            if (attempt.Succeeded)
            {
                return attempt;
            }

            firstError = firstError == Errno.None ? attempt.Error : firstError;
        }

        return Attempt.Failed(firstError == Errno.None ? Errno.EINTR : firstError);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
