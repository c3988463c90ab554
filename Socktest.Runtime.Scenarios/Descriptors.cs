using System;
using System.IO;

namespace Socktest.Scenarios;

/// <summary>The process's open descriptors as /proc/self/fd lists them, by kind, to prove a test or scenario leaked
/// nothing.</summary>
/// <remarks>Sockets are counted by kind (entries that link to <c>socket:[inode]</c>), never all descriptors: the runtime
/// opens other descriptors by itself at any moment, from other threads (the GC reads /proc/meminfo after a collection;
/// an assembly loaded on first use keeps its file open), which made a count of every descriptor fail now and then.</remarks>
public static class Descriptors
{
    /// <summary>Open socket descriptors (links to <c>socket:[inode]</c>).</summary>
    public static int Sockets() => Count(static target => target.StartsWith("socket:", StringComparison.Ordinal));

    /// <summary>Open socket descriptors once the finalizers have had their chance: while more than
    /// <paramref name="expected"/> are open, up to three rounds of collection and finalization, for sockets a test
    /// left to the finalizer on purpose.</summary>
    public static int SocketsAfterFinalizers(int expected)
    {
        for (int round = 0; round < 3 && Sockets() > expected; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return Sockets();
    }

    /// <summary>Open descriptors of files under <paramref name="directory"/>.</summary>
    public static int FilesUnder(string directory) => Count(target => target.StartsWith(directory, StringComparison.Ordinal));

    private static int Count(Func<string, bool> matches)
    {
        int count = 0;
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
                count++;
            }
        }

        return count;
    }
}
