using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Text;

/// <summary>
/// <see cref="Stat"/> and <see cref="Status"/> print byte for byte what Go's socktest prints, so that a report can be
/// compared with Go's. The format strings are Go's, from src/net/internal/socktest/switch.go:
/// <c>func (so Status) String()</c> and <c>func (st Stat) String()</c>; the errno texts are Go's syscall.Errno
/// strings on Linux (src/syscall/zerrors_linux_amd64.go, the errors table).
/// </summary>
public class GoTextTests
{
    private const string GoStatFormat = "(%s, %s, %s): opened=%d connected=%d listened=%d accepted=%d closed=%d openfailed=%d connectfailed=%d listenfailed=%d acceptfailed=%d closefailed=%d";
    private const string GoStatusFormat = "(%s, %s, %s): syscallerr=%v socketerr=%v";

    [Fact]
    public void StatIsGosFormatWithItsCountersInOrder()
    {
        var stat = new Stat
        {
            Family = AF_INET6, Type = SOCK_STREAM, Protocol = IPPROTO_TCP,
            Opened = 1, Connected = 2, Listened = 3, Accepted = 4, Closed = 5,
            OpenFailed = 6, ConnectFailed = 7, ListenFailed = 8, AcceptFailed = 9, CloseFailed = 10,
        };

        Assert.Equal(Sprintf(GoStatFormat, "inet6", "stream", "tcp", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), stat.ToString());
    }

    [Fact]
    public void StatusIsGosFormatWithErrnoTextsAndNil()
    {
        var cookie = Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(Sprintf(GoStatusFormat, "inet4", "stream", "tcp", "<nil>", "connection refused"),
            new Status(cookie, Errno.None, Errno.ECONNREFUSED).ToString());
        Assert.Equal(Sprintf(GoStatusFormat, "inet4", "stream", "tcp", "software caused connection abort", "<nil>"),
            new Status(cookie, Errno.ECONNABORTED, Errno.None).ToString());
        Assert.Equal("(inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>", new Status(cookie, Errno.None, Errno.None).ToString());
    }

    [Theory]
    [InlineData(unchecked((int)0x80000001), "stream|0x80000000")]
    [InlineData(unchecked((int)0x80080802), "datagram|0x80080800")]
    [InlineData(0x80801, "stream|0x80800")]
    [InlineData(0x7f, "127")]
    [InlineData(unchecked((int)0xffffff05), "seqpacket|0xffffff00")]
    public void TypeIsReadAsAnUnsigned32BitValueAsGosCookieTypeReturnsIt(int type, string expected)
    {
        var status = new Status(Cookie.Of(AF_INET, type, 0), Errno.None, Errno.None);

        Assert.Equal("(inet4, " + expected + ", default): syscallerr=<nil> socketerr=<nil>", status.ToString());
    }

    [Fact]
    public void FamiliesAndProtocolsGoHasNoNameForPrintAsNumbers()
    {
        var stat = new Stat { Family = 12345, Type = 3, Protocol = 58 };

        Assert.StartsWith("(12345, raw, 58): opened=0 ", stat.ToString());
        Assert.StartsWith("(local, datagram, udp): ", new Stat { Family = AF_UNIX, Type = 2, Protocol = IPPROTO_UDP }.ToString());
    }

    /// <summary>Go's fmt.Sprintf for the verbs these formats use: %s and %v take text, %d a number.</summary>
    private static string Sprintf(string format, params object[] arguments)
    {
        int next = 0;
        return Regex.Replace(format, "%[sdv]", _ => Convert.ToString(arguments[next++], CultureInfo.InvariantCulture)!);
    }
}
