using System;
using System.Runtime.CompilerServices;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary><see cref="SocketSwitchDiagnostics.RecordOpenSites"/>: the leak report shows where each leaked socket was
/// opened, after Go's text, and only for sockets opened while recording.</summary>
public class OpenSiteTests
{
    [Fact]
    public void ALeakedSocketsReportShowsTheMethodThatOpenedIt()
    {
        var sw = new SocketCallsSwitch();
        int unrecorded = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int leaked;
        using (sw.RecordOpenSites())
        {
            leaked = OpenTheSocketThatLeaks(sw);
        }

        var error = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks());

        string goReport = SocketReports.InflightSockets(sw) + SocketReports.Statistics(sw);
        Assert.StartsWith(goReport + "Where the leaked sockets were opened:\n" + leaked + ": (inet4, stream, tcp)\n    at ", error.Message);
        Assert.Contains(nameof(OpenTheSocketThatLeaks), error.Message);
        Assert.DoesNotContain("Socktest.Engine.", error.Message);
        Assert.Contains(nameof(OpenTheSocketThatLeaks), error.OpenSites[leaked].ToString());
        Assert.False(error.OpenSites.ContainsKey(unrecorded));
        Loopback.Check(sw.Close(leaked), "close");
        Loopback.Check(sw.Close(unrecorded), "close");
        sw.AssertNoLeaks();
    }

    [Fact]
    public void ASocketThatGetsARecordedSocketsNumberIsNotGivenItsSite()
    {
        var sw = new SocketCallsSwitch(new ReusingKernel());
        var recording = sw.RecordOpenSites();
        int first = OpenTheSocketThatLeaks(sw);
        recording.Dispose();
        sw.Close(first);
        int second = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(first, second);

        var error = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks());

        Assert.Empty(error.OpenSites);
        Assert.DoesNotContain("Where the leaked sockets were opened", error.Message);
    }

    [Fact]
    public void OffByDefaultTheReportIsGosAlone()
    {
        var sw = new SocketCallsSwitch(new FakeKernel());
        sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        var error = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks());

        Assert.Equal(SocketReports.InflightSockets(sw) + SocketReports.Statistics(sw), error.Message);
        Assert.Empty(error.OpenSites);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OpenTheSocketThatLeaks(SocketCallsSwitch sw) => Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
}
