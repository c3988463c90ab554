using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Socktest.Samples.Recipes;
using static Socktest.Interop.SocketConstants;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)] // MSTest makes an instance per test: a switch each

namespace Socktest.Samples.MSTestRecipe.Tests;

// The first part of the class is docs/test-kit.md's MSTest recipe, as the doc prints it (samples/DocRecipes.Tests checks
// that the two are the same text); the tests in the second part use it on real loopback sockets. Both tests pass, so
// [TestCleanup]'s leak check runs and finds nothing open.
// begin-doc: test-kit/mstest
[TestClass]
public partial class DialerTests                 // partial: your [TestMethod]s here, or in another part
{
    private SocketCallsSwitch _sw = null!;
    private SocketTestWatch _watch = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void StartSwitch()
    {
        _sw = new SocketCallsSwitch();
        _watch = new SocketTestWatch(_sw);       // starts the trace
    }

    [TestCleanup]
    public void CheckSwitch()                    // trace to a failed test's output; a leak throws, which fails the test
        => _watch.Finish(TestContext.CurrentTestOutcome != UnitTestOutcome.Passed, TestContext.WriteLine);
}
// end-doc

public partial class DialerTests
{
    [TestMethod]
    public void ConnectsToALoopbackListenerAndClosesTheSocket()
    {
        using var listener = new LoopbackListener();

        int fd = _sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.IsGreaterThanOrEqualTo(0, fd);
        Assert.AreEqual(0, _sw.Connect(fd, listener.Address));
        Assert.AreEqual(0, _sw.Close(fd));

        Assert.AreEqual(
            "(inet4, stream, tcp): opened=1 connected=1 listened=0 accepted=0 closed=1 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
            _sw.Stats().Single().ToString());
        Assert.IsEmpty(_sw.Sockets());
        Assert.AreEqual(3, _watch.Trace.Recorded);
    }

    [TestMethod]
    public void AnInjectedRefusalFailsTheConnectAndIsInTheTrace()
    {
        using var listener = new LoopbackListener();
        _sw.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));

        int fd = _sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.IsGreaterThanOrEqualTo(0, fd);
        int connected = _sw.Connect(fd, listener.Address);
        Errno error = Errno.Last();
        Assert.AreEqual(0, _sw.Close(fd));

        Assert.AreEqual(-1, connected);
        Assert.AreEqual(Errno.ECONNREFUSED, error);
        TraceEntry connect = _watch.Trace.Entries().Single(e => e.Operation == FilterType.Connect);
        Assert.AreEqual((fd, -1, Errno.ECONNREFUSED, true), (connect.Descriptor, connect.Result, connect.Error, connect.Injected));
        Assert.Contains("-1 ECONNREFUSED injected by Faults.Fail(ECONNREFUSED)", _watch.Trace.Format());
    }
}
