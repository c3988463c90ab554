using System;

namespace Socktest.Engine;

/// <summary>
/// Finds the <see cref="SwitchCore"/> behind an <see cref="ISocketSwitch"/> without a member on the interface (adding
/// one would change every generated switch): the finder calls <see cref="ISocketSwitch.Set"/> with a
/// <see cref="FilterType"/> that does not exist and a sentinel, and <see cref="SwitchCore.Set"/> answers with itself,
/// on the same thread, before it checks the type. It reaches the core through whatever forwards <c>Set</c>: a
/// generated switch, an <see cref="InstalledSocketSwitch"/>. Any other switch either throws (the type is out of range),
/// stores a filter for a call type no call has, or, if it ignores the type, now holds the sentinel, which lets every
/// call through. So the kit asks only where it is about to throw anyway: when a leak is found, and for an opt-in
/// that such a switch cannot have.
/// </summary>
internal static class CoreProbe
{
    /// <summary>The question's type: no call has it.</summary>
    internal const FilterType Question = (FilterType)(-1);

    [ThreadStatic]
    private static SwitchCore? t_found;

    /// <summary>The question's filter.</summary>
    internal static readonly Filter Sentinel = static _ => default;

    /// <summary>Called first by <see cref="SwitchCore.Set"/>.</summary>
    /// <returns><see langword="true"/> when it was the question (answered), so nothing is to be deployed.</returns>
    internal static bool Answer(SwitchCore core, FilterType type, Filter? filter)
    {
        if (type != Question || !ReferenceEquals(filter, Sentinel))
        {
            return false;
        }

        t_found = core;
        return true;
    }

    /// <summary>The core behind <paramref name="sw"/>, or <see langword="null"/> when it is not backed by one.</summary>
    internal static SwitchCore? Find(ISocketSwitch sw)
    {
        if (sw is SwitchCore core)
        {
            return core;
        }

        t_found = null;
        try
        {
            sw.Set(Question, Sentinel);
            return t_found;
        }
#pragma warning disable CA1031 // A foreign switch may reject the unknown type however it likes; that is its answer.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
        finally
        {
            t_found = null;
        }
    }

    /// <summary>Like <see cref="Find"/>, for an opt-in that needs the core.</summary>
    /// <exception cref="NotSupportedException"><paramref name="sw"/> is not backed by a Socktest switch.</exception>
    internal static SwitchCore Require(ISocketSwitch sw, string feature)
        => Find(sw) ?? throw new NotSupportedException(
            $"{feature} needs a switch Socktest made (a generated switch, InstalledSocketSwitch, or a class that forwards Set to one); {sw.GetType().Name} is not one.");
}
