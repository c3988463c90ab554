using System;
using System.IO;

namespace Socktest.Tests.Support;

/// <summary>Counts the process's open sockets in /proc/self/fd, to prove that a call opened, closed or leaked nothing.</summary>
/// <remarks>Only sockets (entries that link to <c>socket:[inode]</c>): the runtime opens other descriptors by itself at
/// any moment, from other threads (the GC reads /proc/meminfo after a collection; an assembly loaded on first use keeps
/// its file open), which made a count of every descriptor fail now and then, while the switch never handles a
/// descriptor that is not a socket.</remarks>
internal static class OpenSockets
{
    /// <returns>The number of open socket descriptors.</returns>
    public static int Count()
    {
        int sockets = 0;
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (LinkTarget(entry)?.StartsWith("socket:", StringComparison.Ordinal) == true)
            {
                sockets++;
            }
        }

        return sockets;
    }

    /// <summary>Where the entry links, or <see langword="null"/> when its descriptor was closed since the listing.</summary>
    private static string? LinkTarget(string entry)
    {
        try
        {
            return new FileInfo(entry).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
