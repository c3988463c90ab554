using System;
using System.IO;
using Xunit.Sdk;

namespace Socktest.Tests.Support;

/// <summary>
/// Compares text with a reviewed snapshot file kept beside the tests (Snapshots/&lt;name&gt;.verified.cs). On a mismatch
/// it writes &lt;name&gt;.received.cs next to it and names the first differing line. Set SOCKTEST_UPDATE_SNAPSHOTS=1 to
/// rewrite the snapshots on purpose; review the diff before committing.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "SOCKTEST_UPDATE_SNAPSHOTS";

    public static void Match(string name, string actual)
    {
        string directory = Path.Combine(SourceTree.TestProjectDirectory, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {verifiedPath}; wrote {receivedPath}. Review it, then rename it or run with {UpdateVariable}=1."
            : $"Snapshot {name} differs. {FirstDifference(expected, actual)}\nWrote {receivedPath}; diff it against {verifiedPath}, then accept with {UpdateVariable}=1.");
    }

    internal static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  expected: {e ?? "<end of file>"}\n  actual:   {a ?? "<end of file>"}";
            }
        }

        return "The texts differ only in line endings.";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
