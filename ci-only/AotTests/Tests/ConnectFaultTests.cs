using System.Threading.Tasks;
using AotTests.Support;
using Socktest;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>ECONNREFUSED injected on connect, against a real listener on loopback.</summary>
// Opens real sockets: never beside the process-wide scenarios, some of which count every socket in the process.
[NotInParallel(nameof(ProcessSocketsTests))]
public class ConnectFaultTests
{
    [Test]
    [Arguments("inet4")]
    [Arguments("inet6")]
    public async Task InjectedConnectionRefusedNeverReachesTheKernel(string family)
    {
        var calls = new SocketCallsSwitch();
        int listener = Loopback.Listen(calls, family, out byte[] address);
        calls.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        int fd = new Dialer(calls).Dial(Loopback.FamilyOf(family), address);
        var errno = Errno.Last();
        calls.Close(listener);

        await Assert.That(fd).IsEqualTo(-1);
        await Assert.That(errno).IsEqualTo(Errno.ECONNREFUSED);
        // The injected failure is counted nowhere (Go's rule): connected=0 and connectfailed=0.
        await Assert.That(calls.Stats()[0].ToString()).IsEqualTo(
            $"({family}, stream, tcp): opened=2 connected=0 listened=1 accepted=0 closed=2 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0");
        calls.AssertNoLeaks();
    }

    [Test]
    public async Task ClearingTheFilterLetsTheNextConnectThrough()
    {
        var calls = new SocketCallsSwitch();
        int listener = Loopback.Listen(calls, "inet4", out byte[] address);
        var dialer = new Dialer(calls);

        calls.Set(FilterType.Connect, status => Errno.ECONNREFUSED);
        int refused = dialer.Dial(Loopback.FamilyOf("inet4"), address);
        calls.Set(FilterType.Connect, null);
        int connected = dialer.Dial(Loopback.FamilyOf("inet4"), address);
        int accepted = calls.Accept(listener, default, out _);

        await Assert.That(refused).IsEqualTo(-1);
        await Assert.That(connected).IsGreaterThanOrEqualTo(0);
        await Assert.That(accepted).IsGreaterThanOrEqualTo(0);
        calls.Close(accepted);
        calls.Close(connected);
        calls.Close(listener);
        calls.AssertNoLeaks();
    }
}
