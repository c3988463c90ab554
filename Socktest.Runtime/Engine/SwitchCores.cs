using System;

namespace Socktest.Engine;

/// <summary>Finds the <see cref="SwitchCore"/> behind an <see cref="ISocketSwitch"/>, through
/// <see cref="ISwitchCoreOwner"/>.</summary>
internal static class SwitchCores
{
    /// <summary>The core behind <paramref name="sw"/>, or <see langword="null"/> when it is not backed by one.</summary>
    internal static SwitchCore? Find(ISocketSwitch sw) => (sw as ISwitchCoreOwner)?.Core;

    /// <summary>Like <see cref="Find"/>, for an opt-in that needs the core.</summary>
    /// <exception cref="NotSupportedException"><paramref name="sw"/> is not backed by a Socktest switch.</exception>
    internal static SwitchCore Require(ISocketSwitch sw, string feature)
        => Find(sw) ?? throw new NotSupportedException(
            $"{feature} needs a switch Socktest made (a generated switch, a process-wide switch or scope, or a class that implements {nameof(ISwitchCoreOwner)} by returning the core of the switch it wraps); {sw.GetType().Name} is not one.");
}
