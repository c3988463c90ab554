using System;

namespace Socktest.Scenarios;

/// <summary>Time limits of the scenarios and tests that judge how promptly something happened: as written on real
/// hardware, ten times as long under an emulator (<c>SOCKTEST_EMULATED=1</c>, which .ci/arm64.sh sets for qemu-user),
/// where every instruction is translated.</summary>
public static class Timing
{
    /// <summary>Whether the process runs under an emulator.</summary>
    public static bool Emulated { get; } = Environment.GetEnvironmentVariable("SOCKTEST_EMULATED") == "1";

    /// <summary><paramref name="limit"/>, or ten times it under an emulator.</summary>
    public static TimeSpan Limit(TimeSpan limit) => Emulated ? limit * 10 : limit;
}
