using System;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Xunit;

/// <summary>
/// A base class for xunit v3 test classes whose tests each need a switch: xunit makes a new instance per test, so each
/// test gets its own <see cref="Switch"/>, traced from the start. When the test ends (xunit disposes the instance), a
/// failed test's output gets the trace as a table, and a socket still open fails the test with
/// <see cref="SocketLeakException"/> (Go's report) and writes the trace to its output.
/// </summary>
/// <example>
/// <code>
/// public class DialerTests() : SocketSwitchTest&lt;SocketCallsSwitch&gt;(new SocketCallsSwitch())
/// {
///     [Fact]
///     public void FallsBackWhenRefused()
///     {
///         Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));
///         ...
///     }
/// }
/// </code>
/// </example>
/// <typeparam name="TSwitch">The switch type: a generated switch, or <see cref="InstalledSocketSwitch"/>.</typeparam>
public abstract class SocketSwitchTest<TSwitch> : IAsyncDisposable
    where TSwitch : ISocketSwitch
{
    private readonly SocketTestWatch _watch;
    private readonly bool _waitForCloses;

    /// <summary>Starts watching <paramref name="sw"/> for one test.</summary>
    /// <param name="sw">The test's switch. If it is <see cref="IDisposable"/> (an <see cref="InstalledSocketSwitch"/>),
    /// it is disposed when the test ends.</param>
    /// <param name="options">What to watch; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    protected SocketSwitchTest(TSwitch sw, SocketTestOptions? options = null)
        : this(sw, options, waitForCloses: false)
    {
    }

    /// <summary>Starts watching <paramref name="sw"/> for one test; with <paramref name="waitForCloses"/>, the leak
    /// check waits for sockets still closing (<see cref="SocketTestWatch.FinishAsync"/>).</summary>
    private protected SocketSwitchTest(TSwitch sw, SocketTestOptions? options, bool waitForCloses)
    {
        ArgumentNullException.ThrowIfNull(sw);
        Switch = sw;
        _watch = new SocketTestWatch(sw, options);
        _waitForCloses = waitForCloses;
    }

    /// <summary>The test's switch.</summary>
    protected TSwitch Switch { get; }

    /// <summary>The trace of the test's calls so far.</summary>
    protected SocketTrace Trace => _watch.Trace;

    /// <summary>Explores the faults <paramref name="scenario"/> meets, as <see cref="SocketFaultExplorer.ExploreAsync"/>
    /// does, and writes the report to the test's output (<c>TestContext.Current.TestOutputHelper</c>), whether the runs
    /// survived or not: the table (<see cref="ExploreReport.ToString"/>), then each run's outcome and schedule, one a
    /// line. A run that did not survive does not fail the test by itself: assert on the report
    /// (<see cref="ExploreReport.AssertAllSurvived"/> fails the test with the table).</summary>
    /// <example>
    /// <code>
    /// var report = await ExploreAsync(async scope =&gt;
    /// {
    ///     using var http = new HttpClient();
    ///     Assert.Equal("hello", await http.GetStringAsync(url));
    /// });
    /// report.AssertAllSurvived();
    /// </code>
    /// </example>
    /// <param name="scenario">One run of the code under test, given the run's scope (see
    /// <see cref="SocketFaultExplorer.ExploreAsync"/>).</param>
    /// <param name="options">The menu, depth, budget, parallelism and timeouts; <see langword="null"/> for the
    /// defaults.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    protected async Task<ExploreReport> ExploreAsync(Func<SocketScope, Task> scenario, ExploreOptions? options = null)
    {
        var report = await SocketFaultExplorer.ExploreAsync(scenario, options).ConfigureAwait(false);

        // The test's context flows through the awaits; outside a test there is no output helper, and nothing is written.
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString() + string.Join(Environment.NewLine, report.Runs));
        return report;
    }

    /// <summary>Ends the test: writes the trace to the output of a test that failed, then fails the test if a socket
    /// leaked. Called by xunit.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var context = TestContext.Current;
        bool failed = context.TestState?.Result == TestResult.Failed;
        Action<string>? write = context.TestOutputHelper is { } output ? output.WriteLine : null;
        if (_waitForCloses)
        {
            await _watch.FinishAsync(failed, write).ConfigureAwait(false);
        }
        else
        {
            _watch.Finish(failed, write);
        }
    }
}
