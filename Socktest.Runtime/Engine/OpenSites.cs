using System.Collections.Concurrent;
using System.Diagnostics;

namespace Socktest.Engine;

/// <summary>Where each socket was opened, as a stack trace, per descriptor number: the newest socket's only, so the
/// memory is bounded by the highest number, and a lookup with an older generation finds nothing rather than another
/// socket's site.</summary>
internal sealed class OpenSites
{
    private readonly ConcurrentDictionary<int, Site> _sites = new();

    /// <summary>Captures the caller's stack for the socket <paramref name="fd"/> of <paramref name="generation"/>.</summary>
    internal void Record(int fd, long generation)
        => _sites[fd] = new Site(generation, new StackTrace(fNeedFileInfo: true));

    /// <summary>The site of that socket, if it was recorded.</summary>
    internal StackTrace? Find(int fd, long generation)
        => _sites.TryGetValue(fd, out var site) && site.Generation == generation ? site.Stack : null;

    private sealed record Site(long Generation, StackTrace Stack);
}
