using System;
using System.Linq;
using System.Threading;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>
/// One thread's close frees a descriptor number that another thread's socket gets back at once. Go's socktest
/// drops the new socket's entry in that race; here no close may be lost or counted against the wrong cookie.
/// </summary>
[Collection(QuietDescriptorTable.Name)]
public class DescriptorReuseTests
{
    private const int TotalPairs = 100_000; // socket + close: 200k calls

    private static readonly Cookie[] Cookies =
    [
        Cookie.Of(AF_INET, SOCK_STREAM, 0),
        Cookie.Of(AF_INET6, SOCK_DGRAM, 0),
        Cookie.Of(AF_INET6, SOCK_STREAM, 0),
        Cookie.Of(AF_INET, SOCK_DGRAM, 0),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // an after-filter on close widens the window between the kernel's close and the bookkeeping
    public void NoCloseIsLostOrMisattributed(bool slowClose)
    {
        int threads = Math.Clamp(Environment.ProcessorCount, 2, Cookies.Length);
        int pairs = TotalPairs / threads;
        var sw = new SocketCallsSwitch();
        if (slowClose)
        {
            sw.Set(FilterType.Close, _ => FilterResult.After(_ =>
            {
                Thread.Yield();
                return Errno.None;
            }));
        }

        var before = Descriptors.OpenSockets();

        Workers.Run(threads, i =>
        {
            var cookie = Cookies[i];
            for (int n = 0; n < pairs; n++)
            {
                int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
                Loopback.Check(sw.Close(fd), "close");
            }

            return pairs;
        });

        var stats = sw.Stats();
        Assert.Equal(Cookies.Take(threads).OrderBy(c => c), stats.Select(s => s.Cookie));
        Assert.All(stats, s => Assert.Equal(StatAssert.Zero(s.Cookie) with { Opened = (ulong)pairs, Closed = (ulong)pairs }, s));
        Assert.Empty(sw.Sockets());
        Assert.Empty(Descriptors.OpenedSince(before));
    }
}
