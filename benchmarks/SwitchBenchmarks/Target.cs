namespace Socktest.Benchmarks;

/// <summary>One target of the issue and whether this run met it.</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Measured">The measured figure, as text.</param>
/// <param name="Goal">The target, as text.</param>
/// <param name="Met">Whether the figure meets the target.</param>
internal sealed record Target(string Name, string Measured, string Goal, bool Met);
