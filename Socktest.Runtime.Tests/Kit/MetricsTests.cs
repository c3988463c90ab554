using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary><see cref="SocketSwitchDiagnostics.PublishMetrics"/>, read back with a <see cref="MeterListener"/>: Go's
/// counter names, one measurement per cookie, tagged with Go's names for it.</summary>
public class MetricsTests
{
    [Fact]
    public void AListenerReadsTheSwitchsCountersByGosNames()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        var sw = new SocketCallsSwitch();
        string name = "metrics-test-" + System.Guid.NewGuid().ToString("N");
        var seen = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Socktest")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(tagged["switch"], name))
            {
                seen.Add((instrument.Name, value, tagged));
            }
        });
        meters.Start();

        using (sw.PublishMetrics(name))
        {
            Assert.Equal(Errno.None, KitCalls.Connect(sw, Net.V4, port));
            Assert.Equal(Errno.None, KitCalls.Socket(sw, Net.V6));
            meters.RecordObservableInstruments();
        }

        var inet4 = seen.Where(m => Equals(m.Tags["family"], "inet4")).ToDictionary(m => m.Instrument, m => m.Value);
        Assert.Equal(
            ["opened", "connected", "listened", "accepted", "closed", "openfailed", "connectfailed", "listenfailed", "acceptfailed", "closefailed",
             "bound", "bindfailed", "bytessent", "bytesreceived", "sendfailed", "recvfailed"],
            inet4.Keys);
        Assert.Equal((1, 1, 1, 0), (inet4["opened"], inet4["connected"], inet4["closed"], inet4["connectfailed"]));
        var opened6 = Assert.Single(seen, m => m.Instrument == "opened" && Equals(m.Tags["family"], "inet6"));
        Assert.Equal(1, opened6.Value);
        Assert.Equal(("stream", "tcp"), (opened6.Tags["type"], opened6.Tags["protocol"]));

        seen.Clear();
        meters.RecordObservableInstruments(); // disposed: the instruments are gone
        Assert.Empty(seen);
        Loopback.CloseAll(listener);
    }
}
