using System.Linq;

namespace Socktest.Benchmarks;

/// <summary>Checks a switch's books after a run: every socket counted opened was counted closed against the same
/// cookie, and the table is empty.</summary>
internal static class Books
{
    /// <summary>Lost or misattributed closes: per cookie, |opened + accepted - closed|, summed, plus sockets still tabled.</summary>
    /// <param name="sw">The switch.</param>
    /// <param name="expectedPerCookie">Pairs each cookie should show opened and closed, or 0 not to check.</param>
    /// <param name="cookies">The cookies that <paramref name="expectedPerCookie"/> applies to.</param>
    public static long Discrepancies(ISocketSwitch sw, long expectedPerCookie = 0, Cookie[]? cookies = null)
    {
        var stats = sw.Stats();
        long off = stats.Sum(s => System.Math.Abs((long)(s.Opened + s.Accepted + s.Adopted) - (long)s.Closed)) + sw.Sockets().Count;
        if (expectedPerCookie > 0 && cookies is not null)
        {
            foreach (var cookie in cookies)
            {
                var stat = stats.FirstOrDefault(s => s.Cookie == cookie);
                off += System.Math.Abs(expectedPerCookie - (long)(stat?.Closed ?? 0));
            }
        }

        return off;
    }
}
