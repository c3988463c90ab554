using System.IO;

namespace Socktest.Tests.Support;

/// <summary>Counts the process's open file descriptors, to prove that a call opened, closed or leaked nothing.</summary>
internal static class OpenDescriptors
{
    /// <summary>The number of entries in /proc/self/fd (the enumeration's own descriptor included, every time alike).</summary>
    /// <returns>The count.</returns>
    public static int Count() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}
