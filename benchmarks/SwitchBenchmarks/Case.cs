using System;

namespace Socktest.Benchmarks;

/// <summary>A named workload: given an operation count, runs it and returns the timing.</summary>
/// <param name="Name">The label in the table.</param>
/// <param name="Run">Runs the given number of operations.</param>
internal sealed record Case(string Name, Func<int, Sample> Run);
