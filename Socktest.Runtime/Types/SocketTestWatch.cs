using System;
using System.Threading.Tasks;

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
        try
        {
            if (Stop(testFailed, write))
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

    /// <summary>Like <see cref="Finish"/>, for tests whose sockets may still be closing when the test returns (a
    /// connection the runtime tears down on another thread): the leak check waits, up to
    /// <see cref="SocketTestOptions.LeakTimeout"/>, for them to close (<see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>)
    /// before it reports the ones left. The trace stops when the test ends, so the closes waited for are not in it.</summary>
    /// <param name="testFailed">Whether the test itself failed: its output then gets the trace whatever else happens
    /// (and only once, leak or not).</param>
    /// <param name="write">Where the test's output goes; <see langword="null"/> for nowhere.</param>
    /// <returns>A task that completes when done, or faults with <see cref="SocketLeakException"/>.</returns>
    /// <exception cref="SocketLeakException">A socket leaked (Go's report, with open sites when recorded).</exception>
    public async Task FinishAsync(bool testFailed, Action<string>? write)
    {
        try
        {
            if (Stop(testFailed, write))
            {
                try
                {
                    await _switch.AssertNoLeaksAsync(_options.IgnoreLeaks, _options.LeakTimeout).ConfigureAwait(false);
                }
                catch (SocketLeakException) when (!testFailed)
                {
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

    /// <summary>Stops the trace and the open sites, writes the trace of a failed test; whether to check for leaks.</summary>
    private bool Stop(bool testFailed, Action<string>? write)
    {
        Trace.Dispose();
        _sites?.Dispose();
        if (testFailed)
        {
            write?.Invoke(Trace.Format());
        }

        return _options.CheckLeaks;
    }
}
