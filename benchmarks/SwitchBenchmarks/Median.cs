using System;
using System.Collections.Generic;

namespace Socktest.Benchmarks;

/// <summary>Medians.</summary>
internal static class Median
{
    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Of(IReadOnlyList<double> values)
    {
        var sorted = new double[values.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
