namespace Socktest;

/// <summary>The runs that ended one way (failed, leaked or hung), with the smallest schedule that made it happen.</summary>
public sealed class ExploreFailure
{
    internal ExploreFailure(ExploreOutcome outcome, string description, FaultSchedule smallest, int runs, int replays, int repeated)
    {
        Outcome = outcome;
        Description = description;
        Smallest = smallest;
        Runs = runs;
        Replays = replays;
        Repeated = repeated;
    }

    /// <summary>How the runs ended.</summary>
    public ExploreOutcome Outcome { get; }

    /// <summary>What the smallest schedule's run reported (<see cref="ExploreRun.Description"/>).</summary>
    public string Description { get; }

    /// <summary>The schedule with the fewest faults that ended this way (the earliest such run on a tie).</summary>
    public FaultSchedule Smallest { get; }

    /// <summary>How many runs ended this way.</summary>
    public int Runs { get; }

    /// <summary>How many times <see cref="Smallest"/> was replayed (<see cref="ExploreOptions.Confirmations"/>).</summary>
    public int Replays { get; }

    /// <summary>How many of the replays ended this way again.</summary>
    public int Repeated { get; }

    /// <summary>Whether every replay ended this way again; <see langword="false"/>: flaky.</summary>
    public bool Confirmed => Repeated == Replays;

    /// <summary>One line: outcome, runs, confirmation, schedule, description.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{Outcome} ({Runs} run{(Runs == 1 ? "" : "s")}, {(Confirmed ? "confirmed" : "flaky")} {Repeated}/{Replays}): {Smallest}: {Description}";
}
