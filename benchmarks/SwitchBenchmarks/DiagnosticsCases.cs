using System;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>socket+close through a switch with each opt-in diagnostic on, against the same switch with all off: what
/// a trace, open-site stack traces and published metrics cost while they are on. Over the real kernel (what a test
/// pays) and over a no-op inner implementation (the diagnostics' own nanoseconds). Off, their cost is the
/// "(c) switch / (a) raw" target of the socket+close group, which includes the observer check.</summary>
internal sealed class DiagnosticsCases : IDisposable
{
    private static readonly int Family = AF_INET;
    private static readonly int Type = SOCK_STREAM;

    private readonly IBenchCalls _off;
    private readonly IBenchCalls _traced;
    private readonly IBenchCalls _sited;
    private readonly IBenchCalls _metered;
    private readonly IDisposable[] _scopes;

    /// <summary>Four switches over <paramref name="inner"/> (a new one each when null: the real kernel).</summary>
    public DiagnosticsCases(Func<IBenchCalls>? inner = null)
    {
        IBenchCalls Make() => inner is null ? new BenchCallsSwitch() : new BenchCallsSwitch(inner());
        _off = Make();
        _traced = Make();
        _sited = Make();
        _metered = Make();
        _scopes =
        [
            ((ISocketSwitch)_traced).StartTrace(),
            ((ISocketSwitch)_sited).RecordOpenSites(),
            ((ISocketSwitch)_metered).PublishMetrics("benchmark"),
        ];
    }

    /// <summary>The switches, for the books check.</summary>
    public ISocketSwitch[] Switches => [(ISocketSwitch)_off, (ISocketSwitch)_traced, (ISocketSwitch)_sited, (ISocketSwitch)_metered];

    /// <summary>The group; the first case is the baseline.</summary>
    public Case[] Pairs() =>
    [
        new("switch, diagnostics off", n => Pairs(_off, n)),
        new("trace on (StartTrace)", n => Pairs(_traced, n)),
        new("open sites on (RecordOpenSites)", n => Pairs(_sited, n)),
        new("metrics published (PublishMetrics)", n => Pairs(_metered, n)),
    ];

    public void Dispose()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }
    }

    private static Sample Pairs(IBenchCalls calls, int n)
    {
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }
}
