using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest;
using Socktest.TUnit;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;
using static Socktest.Interop.SocketConstants;

namespace AotTests.Tests;

/// <summary>The Socktest.TUnit package under NativeAOT: a switch per test from its hooks, traced from the start, and
/// checked for leaks when the test ends (this test leaves none, so it passes).</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class SwitchPerTestTests() : SocketSwitchTest<SocketCallsSwitch>(() => new SocketCallsSwitch())
{
    [Test]
    public async Task EachTestGetsATracedSwitchAndPassesWithNoLeak()
    {
        int fd = Switch.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Switch.Close(fd);

        await Assert.That(string.Join(", ", Trace.Entries().Select(entry => entry.Operation))).IsEqualTo("Socket, Close");
        await Assert.That(Switch.Stats()[0].Closed).IsEqualTo(1UL);
    }
}

/// <summary>Socktest.TUnit's per-test scope under NativeAOT: begun in the hook, it owns what the test opens.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ScopePerTestTests : SocketScopeTest
{
    [Test]
    public async Task TheHooksScopeOwnsTheSocketsTheTestOpens()
    {
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            await Task.Yield();
        }

        var stream = Switch.Stats().Single(stat => stat.Family == AF_INET && (stat.Type & 0xff) == SOCK_STREAM);
        await Assert.That((stream.Opened, stream.Listened, stream.Closed)).IsEqualTo((1UL, 1UL, 1UL));
    }
}

/// <summary>Socktest.TUnit's <c>ExploreAsync</c> under NativeAOT: an exploration from a test class on
/// <see cref="SocketScopeTest"/> writes the report and every run to the test's output.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ExploreInATestClassTests : SocketScopeTest
{
    [Test]
    public async Task TheReportAndEveryRunGoToTheTestsOutput()
    {
        // Opened in the test, the listener is the test's scope's; each run's client socket is that run's, and the
        // connections wait in the listener's backlog, never accepted.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var options = new ExploreOptions
        {
            Menu = new Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>> { [FaultPointKind.Connect] = [ExploreFault.Refuse] },
            MaxFaults = 1,
        };

        var report = await ExploreAsync(
            async scope =>
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(endpoint);            // a refusal is not handled: a failure to report
            },
            options);

        string output = TestContext.Current!.Output.GetStandardOutput();
        await Assert.That(report.Failures.Count).IsEqualTo(1);
        await Assert.That(report.Failures[0].Smallest.ToString()).IsEqualTo($"connect#1@s1<127.0.0.1:{endpoint.Port}>=refuse");
        await Assert.That(report.Runs.Count).IsEqualTo(3);
        await Assert.That(output).Contains(report.ToString());
        foreach (var run in report.Runs)
        {
            await Assert.That(output).Contains(run.ToString());
        }
    }
}

/// <summary>What Socktest.TUnit does when a test ends, on the logic behind its <c>[After(Test)]</c> hook
/// (<c>SocketTestEnd</c>): a test of this suite cannot fail on purpose to show it. (Checked by hand as well, with a
/// failing and a leaking test: the first's output held the trace table, the second failed with Go's report.)</summary>
// Opens real sockets: never beside the process-wide scenarios, some of which count every socket in the process.
[NotInParallel(nameof(ProcessSocketsTests))]
public class TestEndTests
{
    [Test]
    public async Task AFailedTestsOutputGetsTheTraceTable()
    {
        var output = OutputOfATestThatClosedItsSocket(TestState.Failed);

        await Assert.That(output.Count).IsEqualTo(1);
        await Assert.That(output[0]).StartsWith("Socket calls: 2 of 2 recorded");
        await Assert.That(output[0]).Contains(" close ");
    }

    [Test]
    public async Task ALeakFailsAPassingTestWithGosReportAndWritesTheTrace()
    {
        var sw = new SocketCallsSwitch();
        var watch = new SocketTestWatch(sw);
        int leaked = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var output = new List<string>();

        var error = Assert.Throws<SocketLeakException>(() => SocketTestEnd.Finish(watch, TestState.Passed, output.Add));

        await Assert.That(error.Message).StartsWith("Inflight sockets:\n" + leaked + ": (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n");
        await Assert.That(output.Count).IsEqualTo(1);
        await Assert.That(output[0]).Contains(" socket ");
        await Assert.That(ISocketCalls.Native.Close(leaked)).IsEqualTo(0);
    }

    [Test]
    public async Task APassingTestWithNoLeakWritesNothing()
        => await Assert.That(OutputOfATestThatClosedItsSocket(TestState.Passed).Count).IsEqualTo(0);

    [Test]
    public async Task FailedTimedOutAndCancelledTestsCountAsFailed()
    {
        TestState?[] states = [TestState.Failed, TestState.Timeout, TestState.Cancelled, TestState.Passed, TestState.Skipped, null];

        string failed = string.Join(", ", states.Select(SocketTestEnd.Failed));

        await Assert.That(failed).IsEqualTo("True, True, True, False, False, False");
    }

    /// <summary>Ends, in <paramref name="state"/>, a watched test that opened and closed one socket; returns what went
    /// to its output.</summary>
    private static List<string> OutputOfATestThatClosedItsSocket(TestState state)
    {
        var sw = new SocketCallsSwitch();
        var watch = new SocketTestWatch(sw);
        sw.Close(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        var output = new List<string>();
        SocketTestEnd.Finish(watch, state, output.Add);
        return output;
    }
}
