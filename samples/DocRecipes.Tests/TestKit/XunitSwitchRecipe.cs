using Xunit;

// docs/test-kit.md's xunit v3 recipe for a switch per test: a real test class of this suite, whose end (xunit disposes
// the instance) checks for leaks.
namespace DocRecipes.TestKit.XunitSwitch
{
    // begin-doc: test-kit/xunit-switch-test
    using Socktest.Xunit;

    public class DialerTests() : SocketSwitchTest<SocketCallsSwitch>(new SocketCallsSwitch())
    {
        [Fact]
        public void RetriesWhenRefused()
        {
            Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));
            using var server = new LoopbackListener();                        // a 127.0.0.1 listener of the test's own
            Assert.Equal(-1, new Dialer(Switch).Dial(server.Address));         // refused, before the kernel sees it
            Switch.Close(new Dialer(Switch).Dial(server.Address));             // the retry connects; closed, or the test fails
        }
    }
    // end-doc
}
