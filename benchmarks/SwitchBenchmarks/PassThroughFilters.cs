namespace Socktest.Benchmarks;

/// <summary>Filters that let every call through and run an after-filter that keeps the outcome: the switch's full
/// path, with filters that allocate nothing themselves (cached, non-capturing delegates).</summary>
internal static class PassThroughFilters
{
    private static readonly AfterFilter KeepOutcome = static _ => Errno.None;
    private static readonly Filter Proceed = static _ => FilterResult.After(KeepOutcome);

    /// <summary>Sets the pass-through filter on every filter type of <paramref name="sw"/>.</summary>
    public static T Deploy<T>(T sw)
        where T : ISocketSwitch
    {
        for (var type = FilterType.Socket; type <= FilterType.Close; type++)
        {
            sw.Set(type, Proceed);
        }

        return sw;
    }
}
