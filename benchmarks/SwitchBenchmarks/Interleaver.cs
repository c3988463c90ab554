using System;
using System.Collections.Generic;
using System.Threading;

namespace Socktest.Benchmarks;

/// <summary>The outcome of one case in a group.</summary>
/// <param name="Name">The case's label.</param>
/// <param name="NsPerOp">Median nanoseconds per operation over the rounds.</param>
/// <param name="Ratio">Median, over the rounds, of this case's time over the baseline's in the same round.</param>
/// <param name="BytesPerOp">Bytes allocated per operation over all measured rounds.</param>
/// <param name="RatioLow">The first quartile of the per-round ratios: with <paramref name="RatioHigh"/>, the spread.</param>
/// <param name="RatioHigh">The third quartile of the per-round ratios.</param>
/// <param name="NsBest">Nanoseconds per operation in the fastest round: the cost on an undisturbed core, since other
/// work on the machine can only add time.</param>
internal readonly record struct CaseResult(string Name, double NsPerOp, double Ratio, double BytesPerOp, double RatioLow, double RatioHigh, double NsBest);

/// <summary>Runs the cases of a group round-robin in one process (A B C, then B C A, ...), so that machine noise
/// falls on every side alike, and reduces each to medians. The first case is the baseline of the ratios.</summary>
internal static class Interleaver
{
    /// <summary>Runs the group.</summary>
    /// <param name="cases">The cases; the first is the baseline.</param>
    /// <param name="opsPerRound">Operations per case per round.</param>
    /// <param name="rounds">Measured rounds.</param>
    /// <param name="warmupRounds">Rounds run first and discarded (JIT tiering, caches).</param>
    /// <returns>One result per case, in order.</returns>
    public static CaseResult[] Run(IReadOnlyList<Case> cases, int opsPerRound, int rounds, int warmupRounds)
    {
        for (int w = 0; w < warmupRounds; w++)
        {
            foreach (var c in cases)
            {
                c.Run(opsPerRound);
            }
        }

        // Let tiered compilation install the optimised code before measuring.
        Thread.Sleep(RuntimeInfo.IsNativeAot ? 0 : 300);

        var ns = new List<double>[cases.Count];
        var ratios = new List<double>[cases.Count];
        var bytes = new long[cases.Count];
        var ops = new long[cases.Count];
        for (int i = 0; i < cases.Count; i++)
        {
            ns[i] = new List<double>(rounds);
            ratios[i] = new List<double>(rounds);
        }

        var round = new Sample[cases.Count];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < cases.Count; k++)
            {
                int i = (k + r) % cases.Count;
                round[i] = cases[i].Run(opsPerRound);
            }

            for (int i = 0; i < cases.Count; i++)
            {
                ns[i].Add(round[i].NsPerOp);
                ratios[i].Add(round[i].NsPerOp / round[0].NsPerOp);
                bytes[i] += round[i].Bytes;
                ops[i] += round[i].Ops;
            }
        }

        var results = new CaseResult[cases.Count];
        for (int i = 0; i < cases.Count; i++)
        {
            results[i] = new CaseResult(
                cases[i].Name, Median.Of(ns[i]), Median.Of(ratios[i]), (double)bytes[i] / ops[i],
                Median.Quantile(ratios[i], 0.25), Median.Quantile(ratios[i], 0.75), Median.Quantile(ns[i], 0));
        }

        return results;
    }
}
