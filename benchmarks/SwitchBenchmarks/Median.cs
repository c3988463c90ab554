using System;
using System.Collections.Generic;

namespace Socktest.Benchmarks;

/// <summary>Medians and quartiles.</summary>
internal static class Median
{
    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Of(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/> quantile of <paramref name="values"/>, interpolated between neighbours.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = new double[values.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
