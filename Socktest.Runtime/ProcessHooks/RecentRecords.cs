using System;
using System.Collections.Generic;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// The most recent <see cref="Capacity"/> records of one kind (host-name lookups, filter exceptions, unhonoured
/// verdicts) and the exact number ever added: a switch that lives for hours of soak traffic keeps a bounded amount of
/// memory, and a test can still tell how many there were.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
/// <remarks>A ring under a lock: adding is one store and an increment, taken only on paths that already allocate
/// (a lookup, a thrown exception, a sentence), never on a plain socket call. The ring grows as records come, doubling
/// up to <see cref="Capacity"/>: a switch with no records (most scopes) allocates none, where a full ring for each of a
/// scope's three lists would be a quarter of what an explorer run allocates.</remarks>
internal sealed class RecentRecords<T>
{
    /// <summary>How many records each list keeps: the most recent ones.</summary>
    internal const int Capacity = 1024;

    private T[] _ring = [];
    private readonly object _gate = new();
    private long _total;

    /// <summary>How many records were ever added, including those no longer kept.</summary>
    internal long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Adds a record, dropping the oldest once <see cref="Capacity"/> are kept.</summary>
    /// <param name="record">The record.</param>
    internal void Add(T record)
    {
        lock (_gate)
        {
            if (_total == _ring.Length && _ring.Length < Capacity)
            {
                // Not yet wrapped: every record so far is at its own index, so the grown ring keeps the order.
                Array.Resize(ref _ring, Math.Max(4, _ring.Length * 2));
            }

            _ring[(int)(_total % _ring.Length)] = record;
            _total++;
        }
    }

    /// <summary>The records kept, oldest first.</summary>
    /// <returns>A copy.</returns>
    internal IReadOnlyList<T> ToArray()
    {
        lock (_gate)
        {
            int count = (int)Math.Min(_total, Capacity);
            var copy = new T[count];
            long first = _total - count;
            for (int i = 0; i < count; i++)
            {
                copy[i] = _ring[(int)((first + i) % _ring.Length)];
            }

            return copy;
        }
    }
}
