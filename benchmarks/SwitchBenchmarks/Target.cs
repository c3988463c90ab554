namespace Socktest.Benchmarks;

/// <summary>One target the harness judges, and whether this run met it.</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Measured">The measured figure, as text.</param>
/// <param name="Goal">The target, as text.</param>
/// <param name="Met">Whether the figure meets the target.</param>
/// <param name="IsTiming">Whether the target is a time or a ratio of times, which <c>--quick</c> does not judge
/// (too few rounds to mean anything); allocation and bookkeeping targets are judged in every run.</param>
internal sealed record Target(string Name, string Measured, string Goal, bool Met, bool IsTiming = true);
