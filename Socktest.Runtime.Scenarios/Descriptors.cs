using System;
using System.IO;

namespace Socktest.Scenarios;

/// <summary>The process's open descriptors as /proc/self/fd lists them, by kind, to prove a scenario leaked nothing.</summary>
public static class Descriptors
{
    /// <summary>Open socket descriptors (links to <c>socket:[inode]</c>).</summary>
    public static int Sockets() => Count(static target => target.StartsWith("socket:", StringComparison.Ordinal));

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
