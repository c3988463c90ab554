using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>
/// The counters of every cookie a switch has counted. Read without a lock (a copy-on-write array scanned linearly:
/// a test uses a handful of cookies); a new cookie is added under a lock.
/// </summary>
internal sealed class CookieRegistry
{
    private readonly object _gate = new();
    private Entry[] _entries = [];

    /// <summary>The counters of <paramref name="cookie"/>, created on first use.</summary>
    /// <param name="cookie">The cookie.</param>
    /// <returns>Its counters.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal StatCounters For(Cookie cookie)
    {
        var entries = Volatile.Read(ref _entries);
        ulong value = cookie.Value;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Cookie == value)
            {
                return entries[i].Counters;
            }
        }

        return Add(cookie);
    }

    /// <summary>Every cookie's counters, in no particular order.</summary>
    /// <returns>The counters.</returns>
    internal StatCounters[] All()
    {
        var entries = Volatile.Read(ref _entries);
        var all = new StatCounters[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            all[i] = entries[i].Counters;
        }

        return all;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StatCounters Add(Cookie cookie)
    {
        lock (_gate)
        {
            var entries = _entries;
            foreach (var entry in entries)
            {
                if (entry.Cookie == cookie.Value)
                {
                    return entry.Counters;
                }
            }

            var counters = new StatCounters(cookie);
            var grown = new Entry[entries.Length + 1];
            Array.Copy(entries, grown, entries.Length);
            grown[entries.Length] = new Entry(cookie.Value, counters);
            Volatile.Write(ref _entries, grown);
            return counters;
        }
    }

    private readonly record struct Entry(ulong Cookie, StatCounters Counters);
}
