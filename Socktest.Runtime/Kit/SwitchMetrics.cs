using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary><see cref="SocketSwitchDiagnostics.PublishMetrics"/>: a meter whose observable counters read a snapshot of
/// the switch's statistics when collected. Nothing runs on the call path.</summary>
internal sealed class SwitchMetrics : IDisposable
{
    /// <summary>The meter's name, which <c>dotnet-counters</c> and OpenTelemetry subscribe to.</summary>
    internal const string MeterName = "Socktest";

    private static readonly (string Name, string Unit, Func<Stat, ulong> Read)[] Counters =
    [
        ("opened", "{socket}", s => s.Opened),
        ("connected", "{socket}", s => s.Connected),
        ("listened", "{socket}", s => s.Listened),
        ("accepted", "{socket}", s => s.Accepted),
        ("closed", "{socket}", s => s.Closed),
        ("openfailed", "{call}", s => s.OpenFailed),
        ("connectfailed", "{call}", s => s.ConnectFailed),
        ("listenfailed", "{call}", s => s.ListenFailed),
        ("acceptfailed", "{call}", s => s.AcceptFailed),
        ("closefailed", "{call}", s => s.CloseFailed),
        ("bound", "{socket}", s => s.Bound),
        ("bindfailed", "{call}", s => s.BindFailed),
        ("bytessent", "By", s => s.BytesSent),
        ("bytesreceived", "By", s => s.BytesReceived),
        ("sendfailed", "{call}", s => s.SendFailed),
        ("recvfailed", "{call}", s => s.RecvFailed),
    ];

    private readonly Meter _meter;

    internal SwitchMetrics(ISocketSwitch sw, string name)
    {
        _meter = new Meter(MeterName);
        foreach (var (counter, unit, read) in Counters)
        {
            _meter.CreateObservableCounter(counter, () => Measure(sw, name, read), unit, $"Go's socktest {counter} counter, per cookie");
        }
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Measure(ISocketSwitch sw, string name, Func<Stat, ulong> read)
    {
        var stats = sw.Stats();
        var measurements = new List<Measurement<long>>(stats.Count);
        foreach (var stat in stats)
        {
            measurements.Add(new Measurement<long>(
                (long)read(stat),
                new KeyValuePair<string, object?>("switch", name),
                new KeyValuePair<string, object?>("family", SocketNames.Family(stat.Family)),
                new KeyValuePair<string, object?>("type", SocketNames.Type(stat.Type)),
                new KeyValuePair<string, object?>("protocol", SocketNames.Protocol(stat.Protocol))));
        }

        return measurements;
    }
}
