using System.Globalization;
using System.Threading;

namespace Socktest.Kit;

/// <summary>
/// A ready-made filter of <see cref="Faults"/>: the returned <see cref="Filter"/> is bound to an instance of this
/// class, which counts the calls that reach it (and those it failed) with <see cref="Interlocked"/> and describes
/// itself in <see cref="ToString"/> (what <see cref="Faults.Describe"/> returns).
/// </summary>
internal abstract class Fault
{
    private long _seen;
    private long _failed;

    /// <summary>The filter to deploy: this instance's <see cref="Run"/>.</summary>
    internal Filter Filter => Run;

    /// <summary>The calls that reached the filter so far.</summary>
    internal long Seen => Interlocked.Read(ref _seen);

    /// <summary>The calls it failed so far.</summary>
    internal long Failed => Interlocked.Read(ref _failed);

    /// <summary>The factory call that made it, such as <c>Nth(3, EMFILE)</c>.</summary>
    protected abstract string Name { get; }

    /// <summary>The factory call, such as <c>Faults.Nth(3, EMFILE)</c>: how a trace names the fault.</summary>
    internal string Label => "Faults." + Name;

    /// <summary>What it did so far.</summary>
    protected virtual string Summary => $"{Count(Seen, "call")} seen, {Failed.ToString(CultureInfo.InvariantCulture)} failed";

    /// <summary><c>Faults.Name: summary</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Faults.{Name}: {Summary}";

    /// <summary>Decides the <paramref name="call"/>-th call (1-based) that reached the filter.</summary>
    protected abstract FilterResult Decide(long call, Status status);

    protected static string Count(long count, string noun)
        => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private FilterResult Run(Status status)
    {
        var result = Decide(Interlocked.Increment(ref _seen), status);
        if (result.IsFailure)
        {
            Interlocked.Increment(ref _failed);
        }

        return result;
    }
}
