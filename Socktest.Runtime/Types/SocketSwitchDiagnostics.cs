using System;
using Socktest.Engine;
using Socktest.Kit;

namespace Socktest;

/// <summary>Opt-in diagnostics on a switch Socktest made: a trace of its calls, where each socket was opened (shown
/// by <see cref="SocketSwitchExtensions.AssertNoLeaks"/>), and its counters as <c>System.Diagnostics.Metrics</c>
/// instruments. Each costs a switch's calls nothing but one read and a branch while it is off.</summary>
public static class SocketSwitchDiagnostics
{
    /// <summary>The capacity <see cref="StartTrace"/> uses when none is given.</summary>
    public const int DefaultTraceCapacity = 1024;

    /// <summary>Starts tracing the switch's calls into a ring buffer of the last <paramref name="capacity"/> calls.
    /// A switch has one trace at a time: starting another stops this one (which keeps what it recorded).</summary>
    /// <param name="sw">A generated switch, an <see cref="InstalledSocketSwitch"/>, or a class that forwards
    /// <see cref="ISocketSwitch.Set"/> to one.</param>
    /// <param name="capacity">How many calls to keep; at least 1.</param>
    /// <param name="timeProvider">The clock that timestamps the calls; <see langword="null"/> is
    /// <see cref="TimeProvider.System"/>.</param>
    /// <returns>The trace; dispose it to stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sw"/> is not backed by a Socktest switch.</exception>
    public static SocketTrace StartTrace(this ISocketSwitch sw, int capacity = DefaultTraceCapacity, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var core = SwitchCores.Require(sw, "A trace");
        var trace = new SocketTrace(core, capacity, timeProvider ?? TimeProvider.System);
        core.StartTrace(trace);
        return trace;
    }

    /// <summary>Records where each socket the switch opens or accepts from now on was opened (a
    /// <see cref="System.Diagnostics.StackTrace"/> with file and line where symbols allow), until the returned scope
    /// is disposed. <see cref="SocketSwitchExtensions.AssertNoLeaks"/> then shows, for each leaked socket, where it was
    /// opened, after Go's report; sites recorded before the scope ended are kept for the sockets still open.</summary>
    /// <param name="sw">A generated switch, an <see cref="InstalledSocketSwitch"/>, or a class that forwards
    /// <see cref="ISocketSwitch.Set"/> to one.</param>
    /// <returns>The scope: dispose it to stop recording.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sw"/> is not backed by a Socktest switch.</exception>
    public static IDisposable RecordOpenSites(this ISocketSwitch sw)
    {
        ArgumentNullException.ThrowIfNull(sw);
        var core = SwitchCores.Require(sw, "Recording open sites");
        core.RecordOpenSites(true);
        return new Stopper(() => core.RecordOpenSites(false));
    }

    /// <summary>Publishes the switch's counters through a <see cref="System.Diagnostics.Metrics.Meter"/> named
    /// <c>Socktest</c>, one observable counter per Go counter (<c>opened</c>, <c>connected</c>, <c>listened</c>,
    /// <c>accepted</c>, <c>closed</c>, <c>openfailed</c>, <c>connectfailed</c>, <c>listenfailed</c>,
    /// <c>acceptfailed</c>, <c>closefailed</c>) and per counter beyond Go (<c>bound</c>, <c>bindfailed</c>,
    /// <c>bytessent</c>, <c>bytesreceived</c>, <c>sendfailed</c>, <c>recvfailed</c>), with one measurement per cookie
    /// tagged <c>family</c>, <c>type</c>, <c>protocol</c> (Go's names: <c>inet4</c>, <c>stream</c>, <c>tcp</c>) and
    /// <c>switch</c> (<paramref name="name"/>). They are read from <see cref="ISocketSwitch.Stats"/> when a listener
    /// collects, so the calls themselves do no more work. Works on any <see cref="ISocketSwitch"/>.</summary>
    /// <param name="sw">The switch.</param>
    /// <param name="name">The <c>switch</c> tag, to tell switches apart; the switch's type name when
    /// <see langword="null"/>.</param>
    /// <returns>The publication: dispose it to remove the instruments (it disposes its meter).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    public static IDisposable PublishMetrics(this ISocketSwitch sw, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        return new SwitchMetrics(sw, name ?? sw.GetType().Name);
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        private Action? _stop = stop;

        public void Dispose() => System.Threading.Interlocked.Exchange(ref _stop, null)?.Invoke();
    }
}
