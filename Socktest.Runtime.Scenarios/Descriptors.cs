using System;
using System.Collections.Generic;
using System.IO;

namespace Socktest.Scenarios;

/// <summary>The process's open descriptors as /proc/self/fd lists them, by kind, to prove a test or scenario leaked
/// nothing.</summary>
/// <remarks>Sockets are counted by kind (entries that link to <c>socket:[inode]</c>), never all descriptors: the runtime
/// opens other descriptors by itself at any moment, from other threads (the GC reads /proc/meminfo after a collection;
/// an assembly loaded on first use keeps its file open), which made a count of every descriptor fail now and then.</remarks>
public static class Descriptors
{
    /// <summary>The open sockets, each as its link target (<c>socket:[inode]</c>): a snapshot to compare with
    /// <see cref="OpenedSince"/> later.</summary>
    public static HashSet<string> OpenSockets() => new(Targets(static target => target.StartsWith("socket:", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>Sockets open now that were not open at <paramref name="before"/>, once the finalizers have had their
    /// chance (up to three rounds of collection and finalization while any is open).</summary>
    /// <remarks>Compared by inode, not counted: a socket another test left to the finalizer, or a pooled connection
    /// timing out, may close during a long scenario, and a count would then hide a leak of the same size or report
    /// one that is not there.</remarks>
    public static IReadOnlyList<string> OpenedSince(HashSet<string> before)
    {
        List<string> opened = NotIn(before);
        for (int round = 0; round < 3 && opened.Count > 0; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            opened = NotIn(before);
        }

        return opened;
    }

    /// <summary>Sockets open now that were not open at <paramref name="before"/>, at once (no collection).</summary>
    public static IReadOnlyList<string> NewSince(HashSet<string> before) => NotIn(before);

    /// <summary>What descriptor <paramref name="fd"/> is (<c>socket:[inode]</c> for a socket), or
    /// <see langword="null"/> when it is not open: names one socket even after its number is handed out again.</summary>
    public static string? TargetOf(int fd)
    {
        try
        {
            return new FileInfo("/proc/self/fd/" + fd).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<string> NotIn(HashSet<string> before)
    {
        var now = OpenSockets();
        now.ExceptWith(before);
        var opened = new List<string>(now);
        opened.Sort(StringComparer.Ordinal);
        return opened;
    }

    /// <summary>Open descriptors of files under <paramref name="directory"/>.</summary>
    public static int FilesUnder(string directory) => Count(target => target.StartsWith(directory, StringComparison.Ordinal));

    private static int Count(Func<string, bool> matches) => Targets(matches).Count;

    private static List<string> Targets(Func<string, bool> matches)
    {
        var targets = new List<string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // closed since the listing
            }

            if (target is not null && matches(target))
            {
                targets.Add(target);
            }
        }

        return targets;
    }
}
