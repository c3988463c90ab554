using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Xunit.Tests;

/// <summary>What happens when a test ends, shown on <see cref="SocketTestWatch"/> (the core's, which
/// <see cref="SocketSwitchTest{TSwitch}"/> runs) directly: a test in this suite cannot fail on purpose to show it.</summary>
public class SocketTestWatchTests
{
    [Fact]
    public void AFailedTestsOutputGetsTheTraceTable()
    {
        var sw = new TestCallsSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions());
        sw.Close(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        var output = new List<string>();

        watch.Finish(testFailed: true, output.Add);

        string table = Assert.Single(output);
        Assert.StartsWith("Socket calls: 2 of 2 recorded", table);
        Assert.Contains(" socket ", table);
        Assert.Contains(" close ", table);
    }

    [Fact]
    public void APassingTestWithNoLeakWritesNothing()
    {
        var sw = new TestCallsSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions());
        sw.Close(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        var output = new List<string>();

        watch.Finish(testFailed: false, output.Add);

        Assert.Empty(output);
    }

    [Fact]
    public void ALeakFailsTheTestWithGosReportTheOpenSiteAndTheTraceInItsOutput()
    {
        var sw = new TestCallsSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions { RecordOpenSites = true });
        int leaked = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var output = new List<string>();

        var error = Assert.Throws<SocketLeakException>(() => watch.Finish(testFailed: false, output.Add));

        Assert.StartsWith("Inflight sockets:\n" + leaked + ": (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n", error.Message);
        Assert.Contains(nameof(ALeakFailsTheTestWithGosReportTheOpenSiteAndTheTraceInItsOutput), error.Message);
        Assert.Contains(" socket ", Assert.Single(output));
        Assert.Equal(0, Interop.Libc.Close(leaked));
    }

    [Fact]
    public void IgnoredSocketsDoNotFailTheTestAndADisposableSwitchIsDisposed()
    {
        var sw = new DisposableSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions { IgnoreLeaks = SocketMatch.Family(AF_INET) });
        int open = sw.Inner.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        watch.Finish(testFailed: false, null);

        Assert.True(sw.Disposed);
        Assert.Equal(0, Interop.Libc.Close(open));
    }

    [Fact]
    public async Task FinishAsyncWaitsForASocketClosedLater()
    {
        var sw = new TestCallsSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions { LeakTimeout = TimeSpan.FromSeconds(5) });
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var closer = Task.Run(async () =>
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            sw.Close(fd);
        }, TestContext.Current.CancellationToken);
        var output = new List<string>();

        await watch.FinishAsync(testFailed: false, output.Add);

        Assert.Empty(output);
        Assert.Empty(sw.Sockets());
        await closer;
    }

    [Fact]
    public async Task FinishAsyncFailsALeakAfterTheTimeoutWithGosReportAndTheTrace()
    {
        var sw = new DisposableSwitch();
        var watch = new SocketTestWatch(sw, new SocketTestOptions { LeakTimeout = TimeSpan.FromMilliseconds(100) });
        int leaked = sw.Inner.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var output = new List<string>();

        var error = await Assert.ThrowsAsync<SocketLeakException>(() => watch.FinishAsync(testFailed: false, output.Add));

        Assert.Equal(
            "Inflight sockets:\n" + leaked + ": (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + "Socket statistical information:\n"
            + "(inet4, stream, tcp): opened=1 connected=0 listened=0 accepted=0 closed=0 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0\n",
            error.Message);
        Assert.Contains(" socket ", Assert.Single(output));
        Assert.True(sw.Disposed);
        Assert.Equal(0, Interop.Libc.Close(leaked));
    }

    /// <summary>A switch that forwards to a generated one, its engine included, and is disposable, as
    /// <see cref="InstalledSocketSwitch"/> is.</summary>
    private sealed class DisposableSwitch : ISocketSwitch, Engine.ISwitchCoreOwner, IDisposable
    {
        public TestCallsSwitch Inner { get; } = new();

        public Engine.SwitchCore? Core => ((Engine.ISwitchCoreOwner)Inner).Core;

        public bool Disposed { get; private set; }

        public void Set(FilterType type, Filter? filter) => Inner.Set(type, filter);

        public IReadOnlyList<Stat> Stats() => Inner.Stats();

        public IReadOnlyDictionary<int, Status> Sockets() => Inner.Sockets();

        public void Dispose() => Disposed = true;
    }
}
