using System;

namespace Socktest.Xunit;

/// <summary>What <see cref="SocketSwitchTest{TSwitch}"/> does around one test, apart from xunit's context so that it
/// can be tested (a test cannot fail on purpose to show what happens when one fails).</summary>
internal sealed class SocketTestWatch
{
    private readonly ISocketSwitch _switch;
    private readonly SocketTestOptions _options;
    private readonly IDisposable? _sites;

    internal SocketTestWatch(ISocketSwitch sw, SocketTestOptions options)
    {
        _switch = sw;
        _options = options;
        Trace = sw.StartTrace(options.TraceCapacity);
        _sites = options.RecordOpenSites ? sw.RecordOpenSites() : null;
    }

    internal SocketTrace Trace { get; }

    /// <summary>Stops watching; writes the trace to <paramref name="write"/> when the test failed or leaked; throws
    /// <see cref="SocketLeakException"/> when a socket leaked; disposes a disposable switch.</summary>
    internal void Finish(bool testFailed, Action<string>? write)
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
