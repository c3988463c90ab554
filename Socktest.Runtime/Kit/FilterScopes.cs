using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>
/// The filters deployed with <see cref="SocketSwitchExtensions.Use"/> on one switch, per <see cref="FilterType"/>,
/// oldest first. Each scope remembers the filter it replaced; disposing the newest puts that back, and disposing one
/// out of order hands what it replaced to the scope above it, so that once every scope is disposed the filter in
/// place before the first is back, in whatever order they ended.
/// </summary>
internal sealed class FilterScopes
{
    private static readonly ConditionalWeakTable<ISocketSwitch, FilterScopes> s_switches = new();

    private readonly ISocketSwitch _switch;
    private readonly Dictionary<FilterType, List<Scope>> _chains = new();

    private FilterScopes(ISocketSwitch sw) => _switch = sw;

    internal static IDisposable Use(ISocketSwitch sw, FilterType type, Filter filter)
        => s_switches.GetValue(sw, static key => new FilterScopes(key)).Push(type, filter);

    private IDisposable Push(FilterType type, Filter filter)
    {
        lock (_chains)
        {
            if (!_chains.TryGetValue(type, out var chain))
            {
                chain = new List<Scope>();
                _chains.Add(type, chain);
            }

            // A switch Socktest made says which filter it has, however it was set; any other switch gets back what
            // an enclosing Use deployed, or none.
            var previous = SwitchCores.Find(_switch) is { } core ? core.FilterOf(type) : chain.Count > 0 ? chain[^1].Filter : null;

            try
            {
                _switch.Set(type, filter);
            }
            catch
            {
                _switch.Set(type, previous);
                throw;
            }

            var scope = new Scope(this, type, filter, previous);
            chain.Add(scope);
            return scope;
        }
    }

    private void Pop(Scope scope)
    {
        lock (_chains)
        {
            var chain = _chains[scope.Type];
            int index = chain.IndexOf(scope);
            if (index == chain.Count - 1)
            {
                chain.RemoveAt(index);
                _switch.Set(scope.Type, scope.Previous);
            }
            else
            {
                chain[index + 1].Previous = scope.Previous;
                chain.RemoveAt(index);
            }
        }
    }

    private sealed class Scope(FilterScopes owner, FilterType type, Filter filter, Filter? previous) : IDisposable
    {
        private bool _disposed;

        internal FilterType Type => type;

        internal Filter Filter => filter;

        /// <summary>What to put back: the filter this scope replaced, or, once a scope below it ended out of order,
        /// what that one replaced.</summary>
        internal Filter? Previous { get; set; } = previous;

        public void Dispose()
        {
            // Under the owner's lock, so a second Dispose, even a concurrent one, does nothing.
            lock (owner._chains)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                owner.Pop(this);
            }
        }
    }
}
