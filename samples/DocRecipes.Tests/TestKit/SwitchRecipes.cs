using System.Diagnostics.Metrics;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace DocRecipes.TestKit;

/// <summary>docs/test-kit.md's recipes on a generated switch, against real loopback listeners (127.0.0.1 and ::1).</summary>
public class SwitchRecipes
{
    private readonly List<(int Family, int Result, Errno Error)> _dials = [];

    [Fact]
    public void TheFirstTwoInet6ConnectsAreRefusedForTheLengthOfTheScope()
    {
        // begin-doc: test-kit/use-when-first
        var calls = new SocketCallsSwitch();

        using (calls.Use(FilterType.Connect, Faults.When(SocketMatch.Family(SocketConstants.AF_INET6),
                                                         Faults.First(2, Errno.ECONNREFUSED))))
        {
            RunTheDialer(calls);              // the first two inet6 connects are refused, everything else goes through
        }                                     // the Connect filter in place before the scope is back

        calls.AssertNoLeaks();                // SocketLeakException with Go's report if a socket is still open
        // end-doc

        Assert.Equal(
        [
            (SocketConstants.AF_INET, 0, Errno.None),
            (SocketConstants.AF_INET6, -1, Errno.ECONNREFUSED),
            (SocketConstants.AF_INET6, -1, Errno.ECONNREFUSED),
            (SocketConstants.AF_INET6, 0, Errno.None),
        ], _dials);

        RunTheDialer(calls);                  // no filter was in place before the scope: every connect goes through
        Assert.All(_dials.Skip(4), dial => Assert.Equal(0, dial.Result));
    }

    [Fact]
    public void TheTraceShowsTheInjectedRefusal()
    {
        // begin-doc: test-kit/start-trace
        var calls = new SocketCallsSwitch();
        using var trace = calls.StartTrace();                 // the last 1,024 calls; StartTrace(capacity) for more or fewer
        calls.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
        RunTheDialer(calls);
        output.WriteLine(trace.ToString());                   // or trace.Entries() to assert on
        // end-doc

        Assert.StartsWith("Socket calls: 12 of 12 recorded (capacity 1024), ms since ", output.ToString());
        Assert.Contains("-1 ECONNREFUSED injected by Faults.Fail(ECONNREFUSED)", output.ToString());
        var connects = trace.Entries().Where(entry => entry.Operation == FilterType.Connect).ToList();
        Assert.Equal(4, connects.Count);
        Assert.All(connects, connect => Assert.Equal((-1, Errno.ECONNREFUSED, true), (connect.Result, connect.Error, connect.Injected)));
        Assert.Equal(8, trace.Entries().Count(entry => entry.Operation is FilterType.Socket or FilterType.Close));
    }

    [Fact]
    public void ALeakedSocketIsReportedWithWhereItWasOpened()
    {
        var calls = new SocketCallsSwitch();

        var leak = Assert.Throws<SocketLeakException>(() =>
        {
            // begin-doc: test-kit/record-open-sites
            using (calls.RecordOpenSites())
            {
                RunTheServer(calls);
            }
            calls.AssertNoLeaks();
            // end-doc
        });

        int leaked = Assert.Single(leak.Leaked).Descriptor;
        Assert.Contains("Where the leaked sockets were opened:\n" + leaked + ": (inet4, stream, default)\n", leak.Message);
        Assert.Contains(nameof(RunTheServer), leak.OpenSites[leaked].ToString());
        Assert.Equal(0, calls.Close(leaked));
        calls.AssertNoLeaks();
    }

    [Fact]
    public async Task TheLeakCheckWaitsForASocketThatClosesLate()
    {
        var sw = new SocketCallsSwitch();
        int fd = sw.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        var lateClose = Task.Run(async () =>
        {
            await Task.Delay(200);
            sw.Close(fd);
        });

        // begin-doc: test-kit/assert-no-leaks-async
        await sw.AssertNoLeaksAsync(ignore: SocketMatch.RuntimeProbes, timeout: TimeSpan.FromSeconds(5));
        // end-doc

        Assert.Empty(sw.Sockets());
        await lateClose;

        int left = sw.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        await Assert.ThrowsAsync<SocketLeakException>(() => sw.AssertNoLeaksAsync(timeout: TimeSpan.FromMilliseconds(50)));
        sw.Close(left);
    }

    [Fact]
    public void TheCountersArePublishedAsMetrics()
    {
        var sockets = new SocketCallsSwitch();
        int fd = sockets.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        var opened = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Socktest" && instrument.Name == "opened")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => opened.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        // begin-doc: test-kit/publish-metrics
        using var metrics = sockets.PublishMetrics("soak");   // until disposed
        // end-doc

        listener.RecordObservableInstruments();
        var soak = Assert.Single(opened, measurement => Equals(measurement.Tags["switch"], "soak"));
        Assert.Equal(1, soak.Value);
        Assert.Equal(("inet4", "stream", "default"), (soak.Tags["family"], soak.Tags["type"], soak.Tags["protocol"]));
        sockets.Close(fd);
    }

    private readonly StringWriter output = new();

    /// <summary>The code under test of the recipes: dials 127.0.0.1 once, then ::1 three times, each through
    /// <paramref name="calls"/>, closing each socket, and notes how each connect went.</summary>
    private void RunTheDialer(SocketCallsSwitch calls)
    {
        using var inet4 = new LoopbackListener();
        using var inet6 = new LoopbackListener(AddressFamily.InterNetworkV6);
        foreach (var (family, address) in new[] { (SocketConstants.AF_INET, inet4.Address), (SocketConstants.AF_INET6, inet6.Address), (SocketConstants.AF_INET6, inet6.Address), (SocketConstants.AF_INET6, inet6.Address) })
        {
            int fd = calls.Socket(family, SocketConstants.SOCK_STREAM, 0);
            Assert.True(fd >= 0, $"socket: {Errno.Last()}");
            int result = calls.Connect(fd, address);
            _dials.Add((family, result, result < 0 ? Errno.Last() : Errno.None));
            Assert.Equal(0, calls.Close(fd));
        }
    }

    /// <summary>A server that forgets to close its listener.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunTheServer(SocketCallsSwitch calls) => SwitchSockets.Listen(calls, out _);
}
