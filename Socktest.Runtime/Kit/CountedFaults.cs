using System;
using System.Globalization;
using System.Linq;

namespace Socktest.Kit;

/// <summary><see cref="Faults.Fail"/>: every call.</summary>
internal sealed class FailFault(Errno error) : Fault
{
    protected override string Name => $"Fail({error})";

    protected override FilterResult Decide(long call, Status status) => error;

    internal override string? RuntimeHazard(FilterType type) => ErrnoHazard(type, error, unbounded: true);
}

/// <summary><see cref="Faults.Nth"/>: the n-th call only.</summary>
internal sealed class NthFault(long n, Errno error) : Fault
{
    protected override string Name => $"Nth({n.ToString(CultureInfo.InvariantCulture)}, {error})";

    protected override FilterResult Decide(long call, Status status) => call == n ? error : default;

    internal override string? RuntimeHazard(FilterType type) => ErrnoHazard(type, error, unbounded: false);
}

/// <summary><see cref="Faults.First"/>: the first calls.</summary>
internal sealed class FirstFault(long count, Errno error) : Fault
{
    protected override string Name => $"First({count.ToString(CultureInfo.InvariantCulture)}, {error})";

    protected override FilterResult Decide(long call, Status status) => call <= count ? error : default;

    internal override string? RuntimeHazard(FilterType type) => ErrnoHazard(type, error, unbounded: false);
}

/// <summary><see cref="Faults.Sequence"/>: one errno per call, then every call proceeds.</summary>
internal sealed class SequenceFault(Errno[] errors) : Fault
{
    protected override string Name => $"Sequence({string.Join(", ", errors.Select(e => e.ToString()))})";

    protected override FilterResult Decide(long call, Status status) => call <= errors.Length ? errors[call - 1] : default;

    internal override string? RuntimeHazard(FilterType type)
        => errors.Select(error => ErrnoHazard(type, error, unbounded: false)).FirstOrDefault(hazard => hazard is not null);
}

/// <summary><see cref="Faults.Random"/>: each call fails or not by (seed, call number) alone, so a run is reproducible
/// from the seed whatever the threads' interleaving, and no state but the call counter is shared.</summary>
internal sealed class RandomFault(int seed, double probability, Errno error) : Fault
{
    private const int Listed = 20;

    protected override string Name
        => $"Random(seed: {seed.ToString(CultureInfo.InvariantCulture)}, probability: {probability.ToString("R", CultureInfo.InvariantCulture)}, {error})";

    /// <summary>Also which call numbers failed (the first 20): the same seed fails the same call numbers.</summary>
    protected override string Summary
    {
        get
        {
            long seen = Seen;
            var failed = Enumerable.Range(1, (int)Math.Min(seen, int.MaxValue)).Where(call => Hits(call)).Take(Listed + 1)
                .Select(call => call.ToString(CultureInfo.InvariantCulture)).ToList();
            string list = failed.Count == 0 ? string.Empty
                : " (call" + (failed.Count == 1 ? " " : "s ") + string.Join(", ", failed.Take(Listed)) + (failed.Count > Listed ? ", ...)" : ")");
            return base.Summary + list;
        }
    }

    protected override FilterResult Decide(long call, Status status) => Hits(call) ? error : default;

    /// <summary>A probability of one fails every call; below it, a run of EINTRs ends (the switch also bounds one).</summary>
    internal override string? RuntimeHazard(FilterType type) => ErrnoHazard(type, error, unbounded: probability >= 1.0);

    /// <summary>SplitMix64 of the seed and the call number, as a double in [0, 1), below the probability.</summary>
    private bool Hits(long call) => SplitMix.Draw(seed, call) < probability;
}
