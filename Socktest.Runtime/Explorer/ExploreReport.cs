using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Socktest;

/// <summary>What <see cref="SocketFaultExplorer.ExploreAsync"/> found: every run with its schedule and outcome, and
/// the failures grouped by outcome, each with its smallest schedule.</summary>
public sealed class ExploreReport
{
    internal ExploreReport(IReadOnlyList<ExploreRun> runs, IReadOnlyList<ExploreFailure> failures, IReadOnlyList<FaultPoint> points, int unstablePoints, int leftOut)
    {
        Runs = runs;
        Failures = failures;
        Points = points;
        UnstablePoints = unstablePoints;
        LeftOut = leftOut;
    }

    /// <summary>Every run, in the order they were planned: the two fault-free runs first, then one fault each, then
    /// deeper. Confirmation replays are not listed.</summary>
    public IReadOnlyList<ExploreRun> Runs { get; }

    /// <summary>One group per outcome other than <see cref="ExploreOutcome.Survived"/>, in the order of
    /// <see cref="ExploreOutcome"/>.</summary>
    public IReadOnlyList<ExploreFailure> Failures { get; }

    /// <summary>The points both fault-free runs reached: where the first faults were put.</summary>
    public IReadOnlyList<FaultPoint> Points { get; }

    /// <summary>How many points one fault-free run reached and the other did not: 0 when the scenario makes the same
    /// calls every time, so that a schedule replays exactly; more, the less a replay can be trusted.</summary>
    public int UnstablePoints { get; }

    /// <summary>How many planned runs <see cref="ExploreOptions.MaxRuns"/> left out.</summary>
    public int LeftOut { get; }

    /// <summary>Throws when a run failed, leaked or hung.</summary>
    /// <exception cref="FaultExplorationException">A run did not survive; the message is the report's table.</exception>
    public void AssertAllSurvived()
    {
        if (Failures.Count > 0)
        {
            throw new FaultExplorationException(ToString());
        }
    }

    /// <summary>The report as a table: a summary line, then one line per failure group.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        int survived = Runs.Count(run => run.Outcome == ExploreOutcome.Survived);
        text.Append(CultureInfo.InvariantCulture, $"{Runs.Count} runs over {Points.Count} points: {survived} survived, {Runs.Count - survived} did not");
        text.Append(CultureInfo.InvariantCulture, $"; {UnstablePoints} points differed between the two fault-free runs");
        if (LeftOut > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {LeftOut} runs left out by MaxRuns");
        }

        text.AppendLine(".");
        if (Failures.Count > 0)
        {
            text.AppendLine("outcome  runs  replays          smallest schedule / what happened");
            foreach (var failure in Failures)
            {
                string replays = $"{(failure.Confirmed ? "confirmed" : "flaky")} {failure.Repeated}/{failure.Replays}";
                text.Append(CultureInfo.InvariantCulture, $"{failure.Outcome,-7}  {failure.Runs,4}  {replays,-15}  {failure.Smallest}");
                text.AppendLine();
                text.Append("                                  ").AppendLine(failure.Description);
            }
        }

        return text.ToString();
    }
}
