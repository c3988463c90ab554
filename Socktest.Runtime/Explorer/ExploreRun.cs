using System;
using System.Collections.Generic;

namespace Socktest;

/// <summary>One run of the scenario: its schedule, how it ended, and what it reached.</summary>
public sealed class ExploreRun
{
    internal ExploreRun(FaultSchedule schedule, ExploreOutcome outcome, string? description, TimeSpan elapsed, int injected, IReadOnlyList<FaultPoint> points)
    {
        Schedule = schedule;
        Outcome = outcome;
        Description = description;
        Elapsed = elapsed;
        Injected = injected;
        Points = points;
    }

    /// <summary>The faults the run was given.</summary>
    public FaultSchedule Schedule { get; }

    /// <summary>How it ended.</summary>
    public ExploreOutcome Outcome { get; }

    /// <summary>For a failure, what happened: the exception's type and message and the first frame outside the .NET
    /// libraries and Socktest (<c>IOException: ... at MyClient.ReadFrameAsync</c>), the leak report's sockets, or how
    /// long it hung; <see langword="null"/> when it survived.</summary>
    public string? Description { get; }

    /// <summary>How long the run took, leak check included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many of the schedule's faults were injected: fewer than scheduled when the run never reached a
    /// point (the scenario took another path).</summary>
    public int Injected { get; }

    /// <summary>The points the run reached, in order.</summary>
    public IReadOnlyList<FaultPoint> Points { get; }

    /// <summary>One line: outcome, schedule, description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description is null ? $"{Outcome}: {Schedule}" : $"{Outcome}: {Schedule}: {Description}";
}
