using System;
using System.Net;
using System.Threading;
using Socktest.Kit;

namespace Socktest;

/// <summary>
/// Ready-made <see cref="HostFilter"/>s, in the shape of <see cref="Faults"/>: each applies to every lookup that
/// reaches it, and <see cref="When"/> with a <see cref="HostMatch"/> predicate picks the lookups, as
/// <see cref="Faults.When"/> with a <see cref="SocketMatch"/> predicate picks socket calls.
/// </summary>
/// <example><code>
/// sockets.SetHostFilter(HostFilters.Map("api.example.test", IPAddress.Loopback));
/// sockets.SetHostFilter(HostFilters.When(HostMatch.Name("api.example.test"), HostFilters.Fail(HostError.TryAgain)));
/// </code></example>
public static class HostFilters
{
    /// <summary>Answers every lookup with <paramref name="addresses"/>; the real resolver is never asked.</summary>
    /// <param name="addresses">At least one IPv4 or IPv6 address; a lookup for one family gets only that family's.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">No address, or an address of another family.</exception>
    public static HostFilter Answer(params IPAddress[] addresses)
    {
        var answer = HostAnswer.With(addresses);
        return _ => answer;
    }

    /// <summary>Fails every lookup with <paramref name="error"/>; the real resolver is never asked.</summary>
    /// <param name="error">The resolver's error.</param>
    /// <returns>The filter.</returns>
    public static HostFilter Fail(HostError error)
    {
        var answer = HostAnswer.Fail(error);
        return _ => answer;
    }

    /// <summary>Makes every lookup wait <paramref name="delay"/>, then lets the real resolver answer: a slow name
    /// server. The calling thread waits, as it would on a slow <c>getaddrinfo</c>.</summary>
    /// <param name="delay">How long; zero lets lookups through at once.</param>
    /// <param name="timeProvider">The clock to wait on, as for <see cref="Faults.Delay"/>: <see langword="null"/> or
    /// <see cref="TimeProvider.System"/> sleeps the thread; any other provider is waited on through a timer it creates.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative and not
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</exception>
    public static HostFilter Delay(TimeSpan delay, TimeProvider? timeProvider = null)
    {
        var answer = HostAnswer.Delay(Waits.Checked(delay, nameof(delay)), timeProvider);
        return _ => answer;
    }

    /// <summary>Answers the lookups that reach the filter one filter each, in order: the first lookup goes to
    /// <c>filters[0]</c>, the second to <c>filters[1]</c>, and so on, and once the sequence has run out every further
    /// lookup goes to the last one. So <c>Sequence(Fail(HostError.TryAgain), Answer(IPAddress.Loopback))</c> fails the
    /// first lookup and answers every later one: a name server that fails once, then recovers. (Unlike
    /// <see cref="Faults.Sequence"/>, whose calls proceed once it has run out: a lookup that proceeds goes to the real
    /// resolver, which does not know a name the test maps.) Safe for concurrent use: "the first lookup" is the first
    /// to reach the filter, whichever thread makes it. Wrap it in <see cref="When"/> to count the lookups of one name
    /// only.</summary>
    /// <param name="filters">One filter per lookup, at least one; the array is copied.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filters"/> or one of its filters is
    /// <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="filters"/> is empty.</exception>
    public static HostFilter Sequence(params HostFilter[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length == 0)
        {
            throw new ArgumentException("A sequence needs at least one filter: the last one answers every lookup after the others.", nameof(filters));
        }

        var steps = (HostFilter[])filters.Clone();
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(filters));
        }

        long reached = 0;
        return lookup =>
        {
            long index = Interlocked.Increment(ref reached) - 1;
            return steps[(int)Math.Min(index, steps.Length - 1)](lookup);
        };
    }

    /// <summary>Runs <paramref name="filter"/> for the lookups <paramref name="predicate"/> picks; the others go to the
    /// real resolver and never reach <paramref name="filter"/>.</summary>
    /// <param name="predicate">Picks the lookups, such as <see cref="HostMatch.Name"/>.</param>
    /// <param name="filter">The filter for the picked lookups.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="filter"/> is
    /// <see langword="null"/>.</exception>
    public static HostFilter When(Func<HostLookup, bool> predicate, HostFilter filter)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(filter);
        return lookup => predicate(lookup) ? filter(lookup) : default;
    }

    /// <summary>Answers lookups of <paramref name="hostName"/> (any letter case) with <paramref name="addresses"/>,
    /// such as a test's own loopback server for a production name; other names go to the real resolver. Short for
    /// <c>When(HostMatch.Name(hostName), Answer(addresses))</c>.</summary>
    /// <param name="hostName">A DNS name.</param>
    /// <param name="addresses">At least one IPv4 or IPv6 address.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">Not a valid DNS name, longer than 253 characters (without a final dot), or
    /// no address.</exception>
    public static HostFilter Map(string hostName, params IPAddress[] addresses)
        => When(HostMatch.Name(hostName), Answer(addresses));
}
