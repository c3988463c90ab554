using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>Finds the known call a misspelt member name most likely meant, for SOCKTEST004's message.</summary>
internal static class CallNameSuggester
{
    /// <summary>The closest known call by case-insensitive edit distance, or <see langword="null"/> when none is
    /// close enough to be a plausible typo (more than a third of the name, and at least 2 edits, away).</summary>
    public static string? Closest(string name)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        string lowered = name.ToLowerInvariant();
        foreach (var known in CallTable.ByName.Keys)
        {
            int distance = EditDistance(lowered, known.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }

        return bestDistance <= System.Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = System.Math.Min(System.Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
