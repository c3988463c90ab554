using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.Benchmarks;

/// <summary>What the benchmark runs on.</summary>
internal static class RuntimeInfo
{
    /// <summary>Whether this is a NativeAOT binary (no JIT).</summary>
    public static bool IsNativeAot => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>One line describing the runtime and the machine.</summary>
    public static string Describe()
    {
        string cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return $"{(IsNativeAot ? "NativeAOT" : "JIT")}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, "
            + $"{Environment.ProcessorCount} CPUs ({cpu})";
    }
}
