using System.Linq;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using Socktest.Samples.Recipes;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.NUnitRecipe.Tests;

// The first part of the fixture is docs/test-kit.md's NUnit recipe, as the doc prints it (samples/DocRecipes.Tests checks
// that the two are the same text); the tests in the second part use it on real loopback sockets. Both tests pass, so
// [TearDown]'s leak check runs and finds nothing open.
// begin-doc: test-kit/nunit
[TestFixture]
public partial class DialerTests                 // partial: your [Test] methods here, or in another part
{
    private SocketCallsSwitch _sw = null!;
    private SocketTestWatch _watch = null!;

    [SetUp]
    public void StartSwitch()
    {
        _sw = new SocketCallsSwitch();
        _watch = new SocketTestWatch(_sw);       // starts the trace
    }

    [TearDown]
    public void CheckSwitch()                    // trace to a failed test's output; a leak throws, which fails the test
        => _watch.Finish(TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed, TestContext.Out.WriteLine);
}
// end-doc

public partial class DialerTests
{
    [Test]
    public void ConnectsToALoopbackListenerAndClosesTheSocket()
    {
        using var listener = new LoopbackListener();

        int fd = _sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.That(fd, Is.GreaterThanOrEqualTo(0));
        Assert.That(_sw.Connect(fd, listener.Address), Is.Zero);
        Assert.That(_sw.Close(fd), Is.Zero);

        Assert.That(_sw.Stats().Select(s => s.ToString()), Is.EqualTo(new[]
        {
            "(inet4, stream, tcp): opened=1 connected=1 listened=0 accepted=0 closed=1 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
        }));
        Assert.That(_sw.Sockets(), Is.Empty);
        Assert.That(_watch.Trace.Recorded, Is.EqualTo(3));
    }

    [Test]
    public void AnInjectedRefusalFailsTheConnectAndIsInTheTrace()
    {
        using var listener = new LoopbackListener();
        _sw.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));

        int fd = _sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.That(fd, Is.GreaterThanOrEqualTo(0));
        int connected = _sw.Connect(fd, listener.Address);
        Errno error = Errno.Last();
        Assert.That(_sw.Close(fd), Is.Zero);

        Assert.That(connected, Is.EqualTo(-1));
        Assert.That(error, Is.EqualTo(Errno.ECONNREFUSED));
        TraceEntry connect = _watch.Trace.Entries().Single(e => e.Operation == FilterType.Connect);
        Assert.That((connect.Descriptor, connect.Result, connect.Error, connect.Injected), Is.EqualTo((fd, -1, Errno.ECONNREFUSED, true)));
        Assert.That(_watch.Trace.Format(), Does.Contain("-1 ECONNREFUSED injected by Faults.Fail(ECONNREFUSED)"));
    }
}
