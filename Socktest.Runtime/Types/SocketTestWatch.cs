using System;

namespace Socktest;

/// <summary>
/// What a test framework's glue does around one test that has a switch, apart from the framework so that every glue
/// (the <c>Socktest.Xunit</c> and <c>Socktest.TUnit</c> packages, an NUnit <c>[TearDown]</c>) does the same and it
/// can be tested without failing a test on purpose. Created when the test starts: it starts the switch's call trace
/// (and, when asked, records where sockets are opened). <see cref="Finish"/> ends it when the test has ended.
/// </summary>
public sealed class SocketTestWatch
{
    private readonly ISocketSwitch _switch;
    private readonly SocketTestOptions _options;
    private readonly IDisposable? _sites;

    /// <summary>Starts watching <paramref name="sw"/> for one test: starts its trace, and records open sites when
    /// <see cref="SocketTestOptions.RecordOpenSites"/> asks for them.</summary>
    /// <param name="sw">The test's switch: a generated switch, or a switch of <see cref="ProcessSockets"/>.</param>
    /// <param name="options">What to watch; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException"><paramref name="sw"/> is not a switch Socktest made, nor forwards
    /// <see cref="ISocketSwitch.Set"/> to one (see <see cref="SocketSwitchDiagnostics"/>).</exception>
    public SocketTestWatch(ISocketSwitch sw, SocketTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        _switch = sw;
        _options = options ?? new SocketTestOptions();
        Trace = sw.StartTrace(_options.TraceCapacity, _options.TimeProvider);
        _sites = _options.RecordOpenSites ? sw.RecordOpenSites() : null;
    }

    /// <summary>The trace of the test's calls so far.</summary>
    public SocketTrace Trace { get; }

    /// <summary>Ends the test: stops the trace; writes it as a table (<see cref="SocketTrace.Format"/>) to
    /// <paramref name="write"/> when the test failed, or when it leaked; throws <see cref="SocketLeakException"/> when a
    /// socket that <see cref="SocketTestOptions.IgnoreLeaks"/> does not excuse is still open (unless
    /// <see cref="SocketTestOptions.CheckLeaks"/> is off); and disposes the switch if it is <see cref="IDisposable"/>.</summary>
    /// <param name="testFailed">Whether the test itself failed: its output then gets the trace whatever else happens
    /// (and only once, leak or not).</param>
    /// <param name="write">Where the test's output goes; <see langword="null"/> for nowhere.</param>
    /// <exception cref="SocketLeakException">A socket leaked (Go's report, with open sites when recorded).</exception>
    public void Finish(bool testFailed, Action<string>? write)
    {
        Trace.Dispose();
        _sites?.Dispose();
        try
        {
            if (testFailed)
            {
                write?.Invoke(Trace.Format());
            }

            if (_options.CheckLeaks)
            {
                try
                {
                    _switch.AssertNoLeaks(_options.IgnoreLeaks);
                }
                catch (SocketLeakException) when (!testFailed)
                {
                    // The leak fails the test: its output gets the calls that led there (once).
                    write?.Invoke(Trace.Format());
                    throw;
                }
            }
        }
        finally
        {
            (_switch as IDisposable)?.Dispose();
        }
    }
}
