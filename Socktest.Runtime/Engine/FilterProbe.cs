using System;

namespace Socktest.Engine;

/// <summary>
/// Reads the filter a switch has in place for one <see cref="FilterType"/> without a getter on
/// <see cref="ISocketSwitch"/>: the reader hands <see cref="Sentinel"/> to <see cref="ISocketSwitch.Set"/>, and
/// <see cref="SwitchCore.Set"/>, instead of deploying it, answers with its current filter on the same thread. It
/// reaches the core through whatever forwards <c>Set</c> to it: a generated switch, an <see cref="InstalledSocketSwitch"/>.
/// A switch that is not backed by a <see cref="SwitchCore"/> does not answer, and deploys the sentinel, which lets
/// every call through, until the reader sets what it meant to.
/// </summary>
internal static class FilterProbe
{
    [ThreadStatic]
    private static bool t_answered;

    [ThreadStatic]
    private static Filter? t_answer;

    /// <summary>The question. If a switch that does not answer deploys it, it lets every call through.</summary>
    internal static readonly Filter Sentinel = static _ => default;

    /// <summary>Called by <see cref="SwitchCore.Set"/>: answers when <paramref name="requested"/> is the question.</summary>
    /// <returns><see langword="true"/> when it was the question, so nothing is to be deployed.</returns>
    internal static bool Answer(Filter? requested, Filter? current)
    {
        if (!ReferenceEquals(requested, Sentinel))
        {
            return false;
        }

        t_answer = current;
        t_answered = true;
        return true;
    }

    /// <summary>Asks <paramref name="sw"/> for its filter of <paramref name="type"/>.</summary>
    /// <returns><see langword="true"/> when a <see cref="SwitchCore"/> answered; otherwise <paramref name="sw"/> now
    /// has the sentinel deployed and the caller must set a filter of its own.</returns>
    internal static bool TryRead(ISocketSwitch sw, FilterType type, out Filter? current)
    {
        t_answered = false;
        t_answer = null;
        try
        {
            sw.Set(type, Sentinel);
            current = t_answer;
            return t_answered;
        }
        finally
        {
            t_answered = false;
            t_answer = null;
        }
    }
}
