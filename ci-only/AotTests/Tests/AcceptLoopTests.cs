using System.Threading.Tasks;
using AotTests.Support;
using Socktest;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>A server's accept loop that retries ECONNABORTED, with the abort injected on accept.</summary>
// Opens real sockets: never beside the process-wide scenarios, some of which count every socket in the process.
[NotInParallel(nameof(ProcessSocketsTests))]
public class AcceptLoopTests
{
    [Test]
    [Arguments("inet4")]
    [Arguments("inet6")]
    public async Task LoopRetriesAbortedAcceptsBeforeTheKernelSeesThem(string family)
    {
        var calls = new SocketCallsSwitch();
        int listener = Loopback.Listen(calls, family, out byte[] address);
        var dialer = new Dialer(calls);
        int client = dialer.Dial(Loopback.FamilyOf(family), address);

        int injected = 0;
        calls.Set(FilterType.Accept, status => ++injected <= 2 ? Errno.ECONNABORTED : Errno.None);
        int server = dialer.AcceptRetryingAborted(listener, out int retries);

        await Assert.That(server).IsGreaterThanOrEqualTo(0);
        await Assert.That(retries).IsEqualTo(2);
        foreach (int fd in new[] { server, client, listener })
        {
            calls.Close(fd);
        }

        // Injected aborts are not kernel failures: acceptfailed stays 0.
        await Assert.That(calls.Stats()[0].ToString()).IsEqualTo(
            $"({family}, stream, tcp): opened=2 connected=1 listened=1 accepted=1 closed=3 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0");
        calls.AssertNoLeaks();
    }

    [Test]
    public async Task AbortAfterTheKernelAcceptedClosesThatConnectionAndTheLoopServesTheNext()
    {
        var calls = new SocketCallsSwitch();
        int listener = Loopback.Listen(calls, "inet4", out byte[] address);
        var dialer = new Dialer(calls);
        int first = dialer.Dial(Loopback.FamilyOf("inet4"), address);
        int second = dialer.Dial(Loopback.FamilyOf("inet4"), address);

        int accepts = 0;
        calls.Set(FilterType.Accept, status => ++accepts == 1
            ? FilterResult.After(after => after.Err == Errno.None ? Errno.ECONNABORTED : Errno.None)
            : FilterResult.Proceed);
        int server = dialer.AcceptRetryingAborted(listener, out int retries);

        await Assert.That(retries).IsEqualTo(1);
        await Assert.That(server).IsGreaterThanOrEqualTo(0);
        // The switch closed the descriptor the kernel accepted first, so only the one handed back is tracked.
        await Assert.That(calls.Sockets().Count).IsEqualTo(4);
        foreach (int fd in new[] { server, second, first, listener })
        {
            calls.Close(fd);
        }

        calls.AssertNoLeaks();
    }
}
