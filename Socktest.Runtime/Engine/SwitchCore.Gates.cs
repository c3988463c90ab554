using System;
using System.Linq;
using System.Threading;

namespace Socktest.Engine;

/// <summary>The gates of <see cref="SwitchCore"/> (<see cref="CallGate"/>): while one is in force, the filter slot of each
/// type it watches holds a filter that asks the gates first and then the deployed filter, so the call path is the
/// filtered path and a switch with no gate has nothing more to read.</summary>
public sealed partial class SwitchCore
{
    private readonly Filter?[] _deployed = new Filter?[FilterTypes.Count];
    private readonly object _gateLock = new();
    private CallGate[] _gates = [];

    /// <summary>Puts <paramref name="gate"/> in force: from the next call on, the calls it watches go through it.</summary>
    internal void AddGate(CallGate gate)
    {
        lock (_gateLock)
        {
            _gates = [.. _gates, gate];
            Regate();
        }
    }

    /// <summary>Takes <paramref name="gate"/> away; calls in flight through it finish as it decided.</summary>
    internal void RemoveGate(CallGate gate)
    {
        lock (_gateLock)
        {
            _gates = _gates.Where(g => !ReferenceEquals(g, gate)).ToArray();
            Regate();
        }
    }

    private void Regate()
    {
        for (int index = 0; index < _filters.Length; index++)
        {
            Volatile.Write(ref _filters[index], Gated((FilterType)index, _deployed[index]));
        }
    }

    /// <summary>The filter to put in the slot of <paramref name="type"/>: <paramref name="deployed"/> itself when no gate
    /// watches the type, else one that asks the gates first.</summary>
    private Filter? Gated(FilterType type, Filter? deployed)
    {
        if (_gates.Length == 0)
        {
            return deployed;
        }

        var gates = Array.FindAll(_gates, gate => gate.Watches(type));
        if (gates.Length == 0)
        {
            return deployed;
        }

        return status =>
        {
            foreach (var gate in gates)
            {
                if (gate.Decide(type, status) is { } verdict)
                {
                    return verdict;
                }
            }

            return deployed?.Invoke(status) ?? FilterResult.Proceed;
        };
    }
}
