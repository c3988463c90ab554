using System.Collections.Generic;
using Socktest.Engine;

namespace Socktest.Tests.Kit;

/// <summary>An <see cref="ISocketSwitch"/> written by hand, as a user might: given a target it forwards everything to
/// it, its engine included (as <see cref="InstalledSocketSwitch"/> forwards to its generated switch); otherwise it keeps the last filter set,
/// which it cannot be asked about, and shows the table it was given, in the given order, with no statistics.</summary>
internal sealed class HandWrittenSwitch(ISocketSwitch? target = null, IReadOnlyDictionary<int, Status>? sockets = null) : ISocketSwitch, ISwitchCoreOwner
{
    public SwitchCore? Core => (target as ISwitchCoreOwner)?.Core;

    /// <summary>The last filter set, when there is no target.</summary>
    public Filter? Current { get; private set; }

    public void Set(FilterType type, Filter? filter)
    {
        if (target is null)
        {
            Current = filter;
        }
        else
        {
            target.Set(type, filter);
        }
    }

    public IReadOnlyList<Stat> Stats() => target?.Stats() ?? [];

    public IReadOnlyDictionary<int, Status> Sockets() => target?.Sockets() ?? sockets ?? new Dictionary<int, Status>();
}
