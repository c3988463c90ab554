namespace Socktest.Benchmarks;

/// <summary>One timed run of one case.</summary>
/// <param name="Ticks">Elapsed <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="Bytes">Bytes allocated meanwhile.</param>
/// <param name="Ops">Operations (pairs, triples or calls) made.</param>
internal readonly record struct Sample(long Ticks, long Bytes, long Ops)
{
    /// <summary>Nanoseconds per operation.</summary>
    public double NsPerOp => Ticks * (1e9 / System.Diagnostics.Stopwatch.Frequency) / Ops;

    /// <summary>Bytes allocated per operation.</summary>
    public double BytesPerOp => (double)Bytes / Ops;
}
