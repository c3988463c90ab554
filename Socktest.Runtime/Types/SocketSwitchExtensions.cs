using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Socktest.Engine;
using Socktest.Kit;

namespace Socktest;

/// <summary>Test-kit helpers on any switch: scoped filters and the leak check.</summary>
public static class SocketSwitchExtensions
{
    /// <summary>How long <see cref="AssertNoLeaksAsync"/> waits when not told.</summary>
    private static readonly TimeSpan DefaultLeakTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often <see cref="AssertNoLeaksAsync"/> looks again.</summary>
    private static readonly TimeSpan LeakPollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The statistics of the kinds of socket <paramref name="match"/> picks: each cookie of
    /// <see cref="ISocketSwitch.Stats"/> is asked about as a whole (a <see cref="Status"/> of that cookie with no errors
    /// and <see cref="Status.Descriptor"/> -1), as <see cref="AssertNoLeaks"/> asks its <c>ignore</c> about a
    /// statistics line. So a predicate on the cookie picks lines: <c>sw.Stats(SocketMatch.Type(SOCK_STREAM))</c> is
    /// the TCP line without the runtime's datagram probes, <c>SocketMatch.Family(AF_INET6)</c> HttpClient's dual-mode
    /// sockets; a predicate that asks the kernel about a descriptor (<see cref="SocketMatch.LocalPort"/>) picks
    /// none.</summary>
    /// <param name="sw">The switch.</param>
    /// <param name="match">Which cookies, such as <see cref="SocketMatch.Family"/> or <see cref="SocketMatch.Type"/>.</param>
    /// <returns>A snapshot of the matching statistics, ordered by cookie; empty when none match.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> or <paramref name="match"/> is
    /// <see langword="null"/>.</exception>
    public static IReadOnlyList<Stat> Stats(this ISocketSwitch sw, Func<Status, bool> match)
    {
        ArgumentNullException.ThrowIfNull(sw);
        ArgumentNullException.ThrowIfNull(match);
        var picked = new List<Stat>();
        foreach (var stat in sw.Stats())
        {
            if (match(new Status(stat.Cookie, Errno.None, Errno.None)))
            {
                picked.Add(stat);
            }
        }

        return picked;
    }

    /// <summary>
    /// Deploys <paramref name="filter"/> for calls of <paramref name="type"/> until the returned scope is disposed,
    /// which puts back the filter that was in place before (Go's <c>sw.Set(t, f); defer sw.Set(t, nil)</c>, but
    /// restoring instead of clearing).
    /// </summary>
    /// <remarks>
    /// <para>On a switch Socktest made (any generated switch, <see cref="InstalledSocketSwitch"/>, or a class that
    /// forwards <see cref="ISocketSwitch.Set"/> to one) the filter put back is exactly the one in place when
    /// <c>Use</c> was called, however it was deployed, <see cref="ISocketSwitch.Set"/> included. On any other
    /// implementation of <see cref="ISocketSwitch"/>, which cannot say what it has in place, it is what an enclosing
    /// <c>Use</c> deployed, or none.</para>
    /// <para>Scopes nest: disposing the innermost puts back the outer one's filter. Disposed out of order, the
    /// filter in place stays the newest live scope's, and once every scope has ended the filter from before the first
    /// is back. A filter deployed with <see cref="ISocketSwitch.Set"/> while a scope is live is replaced when that scope
    /// ends. Disposing twice does nothing. <c>Use</c> and its scopes are safe to call from several threads; each
    /// <see cref="FilterType"/> has its own chain of scopes.</para>
    /// </remarks>
    /// <param name="sw">The switch.</param>
    /// <param name="type">The kind of call.</param>
    /// <param name="filter">The filter, such as one from <see cref="Faults"/>.</param>
    /// <returns>The scope: dispose it to put the previous filter back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> or <paramref name="filter"/> is
    /// <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a <see cref="FilterType"/>.</exception>
    public static IDisposable Use(this ISocketSwitch sw, FilterType type, Filter filter)
    {
        ArgumentNullException.ThrowIfNull(sw);
        ArgumentNullException.ThrowIfNull(filter);
        return FilterScopes.Use(sw, type, filter);
    }

    /// <summary>
    /// Throws <see cref="SocketLeakException"/> when a socket the switch tracks is still open and
    /// <paramref name="ignore"/> does not excuse it. The message is Go's report: <c>Inflight sockets:</c> with one
    /// line per leaked socket, ordered by descriptor, then <c>Socket statistical information:</c> with one
    /// <see cref="Stat"/> per line (see <see cref="SocketReports"/>); excused sockets, and the statistics of cookies
    /// <paramref name="ignore"/> excuses as a whole, appear nowhere in it. When
    /// <see cref="SocketSwitchDiagnostics.RecordOpenSites"/> recorded where a leaked socket was opened, a third section,
    /// <c>Where the leaked sockets were opened:</c>, follows with its stack trace.
    /// </summary>
    /// <param name="sw">The switch.</param>
    /// <param name="ignore">Sockets that may stay open, such as <see cref="SocketMatch.RuntimeProbes"/>, or
    /// <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    /// <exception cref="SocketLeakException">A socket leaked; <see cref="SocketLeakException.Leaked"/> lists them.</exception>
    public static void AssertNoLeaks(this ISocketSwitch sw, Func<Status, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        var snapshot = LeakSnapshot.Take(sw, ignore);
        if (snapshot.Leaked.Count != 0)
        {
            throw snapshot.Failure(sw, ignore);
        }
    }

    /// <summary>
    /// Like <see cref="AssertNoLeaks"/>, for sockets that close asynchronously: waits until every socket the switch
    /// tracks that <paramref name="ignore"/> does not excuse has closed (a connection the runtime is still tearing
    /// down, a socket a background task closes after the test's last await), looking again as soon as one of them closes
    /// (and every 10 ms, for sockets that leave the switch otherwise), and if some are still
    /// open or closing when <paramref name="timeout"/> runs out, throws <see cref="SocketLeakException"/> with Go's report
    /// from the last look.
    /// </summary>
    /// <remarks>Each look reads the socket table and the statistics at one instant, so a report never shows a socket as
    /// open next to counters that have already counted its close. On a switch Socktest did not make (one that does not
    /// implement <see cref="Engine.ISwitchCoreOwner"/>), the table and the statistics are read one after the other.</remarks>
    /// <param name="sw">The switch.</param>
    /// <param name="ignore">Sockets that may stay open, such as <see cref="SocketMatch.RuntimeProbes"/>, or
    /// <see langword="null"/> for none.</param>
    /// <param name="timeout">How long to wait for the sockets to close; <see langword="null"/> for 5 seconds,
    /// <see cref="TimeSpan.Zero"/> to look once, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> to wait for
    /// ever.</param>
    /// <returns>A task that completes when no socket is left open, or faults with <see cref="SocketLeakException"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (and not infinite).</exception>
    /// <exception cref="SocketLeakException">A socket was still open when the time ran out; <see cref="SocketLeakException.Leaked"/>
    /// lists them.</exception>
    public static Task AssertNoLeaksAsync(this ISocketSwitch sw, Func<Status, bool>? ignore = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        var wait = timeout ?? DefaultLeakTimeout;
        if (wait < TimeSpan.Zero && wait != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative, or must be Timeout.InfiniteTimeSpan.");
        }

        return WaitForCloses(sw, ignore, wait);
    }

    private static async Task WaitForCloses(ISocketSwitch sw, Func<Status, bool>? ignore, TimeSpan timeout)
    {
        var time = TimeProvider.System;
        long start = time.GetTimestamp();
        var core = SwitchCores.Find(sw);
        while (true)
        {
            // Asked before the look, so that a close after it wakes the wait below.
            var nextClose = core?.NextClose();

            // Each look reads the table alone, without stopping its writers: the statistics (a sum over every thread's
            // counters) are read only for the report, together with the table under a freeze, in the look that gives up.
            if (core is not null ? !core.AnyOpenSettled(ignore) : SocketReports.Open(sw.Sockets(), ignore).Count == 0)
            {
                return;
            }

            if (timeout != System.Threading.Timeout.InfiniteTimeSpan && time.GetElapsedTime(start) >= timeout)
            {
                var snapshot = LeakSnapshot.Take(sw, ignore);
                if (snapshot.Leaked.Count == 0)
                {
                    return;
                }

                throw snapshot.Failure(sw, ignore);
            }

            // A close wakes the wait at once; the poll catches what leaves the table otherwise (a socket another
            // scope takes over, a switch with no core).
            var poll = Task.Delay(LeakPollInterval, time);
            await (nextClose is null ? poll : Task.WhenAny(nextClose, poll)).ConfigureAwait(false);
        }
    }

    /// <summary>What one look at a switch found: the sockets that leaked and, for a switch Socktest made, the statistics
    /// read at the same instant.</summary>
    private readonly record struct LeakSnapshot(List<Status> Leaked, IReadOnlyList<Stat>? Stats)
    {
        /// <summary>Reads the table and the statistics under one freeze when <paramref name="sw"/> has a core; otherwise
        /// only the table (the statistics are read if a socket leaked).</summary>
        internal static LeakSnapshot Take(ISocketSwitch sw, Func<Status, bool>? ignore)
        {
            if (SwitchCores.Find(sw) is { } core)
            {
                var (sockets, stats) = core.Snapshot();
                return new LeakSnapshot(SocketReports.Open(sockets, ignore), stats);
            }

            return new LeakSnapshot(SocketReports.Open(sw.Sockets(), ignore), null);
        }

        /// <summary>The exception for the sockets that leaked: Go's report, then where they were opened, if recorded.</summary>
        internal SocketLeakException Failure(ISocketSwitch sw, Func<Status, bool>? ignore)
        {
            string report = SocketReports.Inflight(Leaked) + SocketReports.Statistics(Stats ?? sw.Stats(), Leaked, ignore);
            var sites = OpenSiteReport.Find(sw, Leaked);
            return new SocketLeakException(Leaked, report + OpenSiteReport.Format(Leaked, sites), sites);
        }
    }
}
