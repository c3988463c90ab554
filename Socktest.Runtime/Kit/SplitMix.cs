namespace Socktest.Kit;

/// <summary>SplitMix64 of a seed and a call number, as a double in [0, 1): the same call of the same seed draws the same
/// number in every run and every later version, whatever the threads' interleaving, with no shared generator.</summary>
internal static class SplitMix
{
    /// <summary>The draw for call <paramref name="call"/> under <paramref name="seed"/>.</summary>
    internal static double Draw(int seed, long call)
    {
        ulong z = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + ((ulong)call * 0xD1B54A32D192ED03UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
