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
/// (a lookup, a thrown exception, a sentence), never on a plain socket call.</remarks>
internal sealed class RecentRecords<T>
{
    /// <summary>How many records each list keeps: the most recent ones.</summary>
    internal const int Capacity = 1024;

    private readonly T[] _ring = new T[Capacity];
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
            _ring[(int)(_total % Capacity)] = record;
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
                copy[i] = _ring[(int)((first + i) % Capacity)];
            }

            return copy;
        }
    }
}
