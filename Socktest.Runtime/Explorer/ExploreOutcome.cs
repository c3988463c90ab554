namespace Socktest;

/// <summary>How one run of a scenario under a <see cref="FaultSchedule"/> ended.</summary>
public enum ExploreOutcome
{
    /// <summary>The scenario returned and left no socket open.</summary>
    Survived,

    /// <summary>The scenario threw.</summary>
    Failed,

    /// <summary>The scenario returned, but a socket it opened was still open once the leak check's wait was over.</summary>
    Leaked,

    /// <summary>The scenario was still running after <see cref="ExploreOptions.RunTimeout"/>; its sockets were then
    /// reset so that nothing stays blocked.</summary>
    Hung,
}
