using System;
using Socktest.Kit;

namespace Socktest;

/// <summary>Test-kit helpers on any switch: scoped filters and the leak check.</summary>
public static class SocketSwitchExtensions
{
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
        var leaked = SocketReports.Open(sw.Sockets(), ignore);
        if (leaked.Count == 0)
        {
            return;
        }

        string report = SocketReports.Inflight(leaked) + SocketReports.Statistics(sw.Stats(), leaked, ignore);
        var sites = OpenSiteReport.Find(sw, leaked);
        throw new SocketLeakException(leaked, report + OpenSiteReport.Format(leaked, sites), sites);
    }
}
