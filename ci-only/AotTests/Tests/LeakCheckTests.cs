using System.Threading.Tasks;
using AotTests.Support;
using Socktest;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;
using static Socktest.Interop.SocketConstants;

namespace AotTests.Tests;

/// <summary>The kit's leak check under NativeAOT: it passes when everything was closed, and fails with Go's report,
/// naming the descriptor, when not.</summary>
// Opens real sockets: never beside the process-wide scenarios, some of which count every socket in the process.
[NotInParallel(nameof(ProcessSocketsTests))]
public class LeakCheckTests
{
    [Test]
    public async Task PassesWhenEverySocketWasClosed()
    {
        var calls = new SocketCallsSwitch();
        int fd = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        await Assert.That(calls.Close(fd)).IsEqualTo(0);

        calls.AssertNoLeaks();
    }

    [Test]
    public async Task FailsOnASocketLeftOpenAndNamesIt()
    {
        var calls = new SocketCallsSwitch();
        int listener = Loopback.Listen(calls, "inet4", out _);
        int leaked = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        calls.Close(listener);

        try
        {
            var failure = Assert.Throws<SocketLeakException>(() => calls.AssertNoLeaks());

            await Assert.That(failure.Leaked.Count).IsEqualTo(1);
            await Assert.That(failure.Leaked[0].Descriptor).IsEqualTo(leaked);
            await Assert.That(failure.Message).IsEqualTo(
                "Inflight sockets:\n"
                + $"{leaked}: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
                + "Socket statistical information:\n"
                + "(inet4, stream, tcp): opened=2 connected=0 listened=1 accepted=0 closed=1 "
                + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0\n");
        }
        finally
        {
            calls.Close(leaked);
        }

        // Cleaned up: the same switch now passes.
        calls.AssertNoLeaks();
    }
}
