using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;

// docs/test-kit.md's TUnit recipe, compiled against Socktest.TUnit and TUnit.Core. TUnit's engine cannot run in this
// VSTest suite, so TUnitRecipeTests plays the part of its hooks; ci-only/AotTests runs the same base classes under
// TUnit itself (TUnitGlueTests).
namespace DocRecipes.TestKit.TUnitGlue
{
    // begin-doc: test-kit/tunit
    using Socktest.TUnit;

    public class DialerTests() : SocketSwitchTest<SocketCallsSwitch>(() => new SocketCallsSwitch())
    {
        [Test]
        public async Task RetriesWhenRefused()
        {
            Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));
            using var server = new LoopbackListener();                        // a 127.0.0.1 listener of the test's own
            await Assert.That(new Dialer(Switch).Dial(server.Address)).IsEqualTo(-1);   // refused
            Switch.Close(new Dialer(Switch).Dial(server.Address));             // the retry connects; closed, or the test fails
        }
    }

    public class WeatherTests : SocketScopeTest          // a ProcessSockets.BeginScope() per test: they run in parallel
    {
        [Test]
        public async Task RetriesARefusal()
        {
            Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));   // only this test's sockets
            using var listener = new TcpListener(IPAddress.Loopback, 0);          // the scope's too: the test opened it
            listener.Start();
            using var refused = new TcpClient();
            await Assert.That(() => refused.ConnectAsync((IPEndPoint)listener.LocalEndpoint)).Throws<SocketException>();
            using var retry = new TcpClient();
            await retry.ConnectAsync((IPEndPoint)listener.LocalEndpoint);        // the retry connects
        }
    }
    // end-doc
}
