using System;
using System.Threading.Tasks;
using TUnit.Core;

namespace Socktest.TUnit;

/// <summary>
/// A base class for TUnit test classes whose tests each need a switch. Before each test (a <c>[Before(Test)]</c> hook)
/// it makes the test's <see cref="Switch"/> and starts its trace; after the test (an <c>[After(Test)]</c> hook) a failed
/// test's output gets the trace as a table, and a socket still open fails the test with
/// <see cref="SocketLeakException"/> (Go's report) and writes the trace to its output. Works in NativeAOT test binaries.
/// </summary>
/// <example>
/// <code>
/// public class DialerTests() : SocketSwitchTest&lt;SocketCallsSwitch&gt;(() =&gt; new SocketCallsSwitch())
/// {
///     [Test]
///     public void FallsBackWhenRefused()
///     {
///         Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));
///         ...
///     }
/// }
/// </code>
/// </example>
/// <typeparam name="TSwitch">The switch type: a generated switch, <see cref="InstalledSocketSwitch"/> or
/// <see cref="SocketScope"/>.</typeparam>
public abstract class SocketSwitchTest<TSwitch> : SocketSwitchTest
    where TSwitch : ISocketSwitch
{
    private readonly Func<TSwitch> _create;
    private readonly SocketTestOptions? _options;
    private TSwitch? _switch;

    /// <summary>Makes each test's switch with <paramref name="create"/>, called in the <c>[Before(Test)]</c> hook, on
    /// the test's own asynchronous flow (so <c>ProcessSockets.BeginScope</c> there owns what the test opens).</summary>
    /// <param name="create">Makes the test's switch. If it is <see cref="IDisposable"/> (a
    /// <see cref="InstalledSocketSwitch"/>, a <see cref="SocketScope"/>), it is disposed when the test ends.</param>
    /// <param name="options">What to watch; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    protected SocketSwitchTest(Func<TSwitch> create, SocketTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
        _options = options;
    }

    /// <summary>The test's switch.</summary>
    /// <exception cref="InvalidOperationException">Read before the test started (in a constructor).</exception>
    protected TSwitch Switch => _switch ?? throw NotStarted();

    private protected override SocketTestWatch StartWatch()
    {
        _switch = _create();
        return new SocketTestWatch(_switch, _options);
    }
}

/// <summary>
/// Where the hooks of <see cref="SocketSwitchTest{TSwitch}"/> are: on a class that is not generic, so that TUnit's
/// source generator calls them directly (on a generic class it invokes them through reflection, which NativeAOT may not
/// keep). Derive from <see cref="SocketSwitchTest{TSwitch}"/> or <see cref="SocketScopeTest"/>.
/// </summary>
public abstract class SocketSwitchTest
{
    private SocketTestWatch? _watch;

    private protected SocketSwitchTest()
    {
    }

    /// <summary>The trace of the test's calls so far.</summary>
    /// <exception cref="InvalidOperationException">Read before the test started (in a constructor).</exception>
    protected SocketTrace Trace => (_watch ?? throw NotStarted()).Trace;

    /// <summary>Explores the faults <paramref name="scenario"/> meets, as <see cref="SocketFaultExplorer.ExploreAsync"/>
    /// does, and writes the report to the test's output (<c>TestContext.Current.Output</c>), whether the runs survived
    /// or not: the table (<see cref="ExploreReport.ToString"/>), then each run's outcome and schedule, one a line. A run
    /// that did not survive does not fail the test by itself: assert on the report
    /// (<see cref="ExploreReport.AssertAllSurvived"/> fails the test with the table).</summary>
    /// <example>
    /// <code>
    /// var report = await ExploreAsync(async scope =&gt;
    /// {
    ///     using var http = new HttpClient();
    ///     await Assert.That(await http.GetStringAsync(url)).IsEqualTo("hello");
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

        // The test's context flows through the awaits; outside a test there is none, and nothing is written.
        TestContext.Current?.Output.WriteLine(report.ToString() + string.Join(Environment.NewLine, report.Runs));
        return report;
    }

    /// <summary>Makes the test's switch and starts its trace. Called by TUnit before each test.</summary>
    /// <param name="context">The test's context.</param>
    [Before(HookType.Test)]
    public void StartSocketSwitch(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _watch = StartWatch();

        // What the hook set on its asynchronous flow (a scope of ProcessSockets begun by create) flows into the test.
        context.AddAsyncLocalValues();
    }

    /// <summary>Ends the test: writes the trace to the output of a test that failed, then fails the test if a socket
    /// leaked, with Go's report as the test's one failure message (<c>Test overridden to failed: Inflight sockets:
    /// ...</c>); a test that failed on its own keeps its failure and gets the report in its output. Called by TUnit
    /// after each test.</summary>
    /// <param name="context">The test's context.</param>
    /// <returns>A task that completes when the test's switch is done with.</returns>
    [After(HookType.Test)]
    public async Task FinishSocketSwitch(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_watch is { } watch)
        {
            _watch = null;
            var state = context.Execution.Result?.State;
            try
            {
                await SocketTestEnd.FinishAsync(watch, state, context.Output.WriteLine, WaitsForCloses).ConfigureAwait(false);
            }
            catch (SocketLeakException leak)
            {
                // Thrown from the hook, the report would be printed three times (TUnit wraps a hook's exception twice
                // and prints each message); as the test's result it is printed once. A test that failed on its own
                // keeps its own failure, and the report goes to its output.
                if (SocketTestEnd.Failed(state))
                {
                    context.Output.WriteLine(leak.Message);
                }
                else
                {
                    context.Execution.OverrideResult(TestState.Failed, leak.Message);
                }
            }
        }
    }

    /// <summary>Whether the leak check waits for sockets still closing (<see cref="SocketTestWatch.FinishAsync"/>):
    /// for scopes of the process-wide switch, whose sockets the runtime often closes a moment after the test's last
    /// line.</summary>
    private protected virtual bool WaitsForCloses => false;

    /// <summary>Makes the test's switch and a watch on it.</summary>
    private protected abstract SocketTestWatch StartWatch();

    private protected static InvalidOperationException NotStarted()
        => new("The switch is made when the test starts (in the [Before(Test)] hook); use it in the test, not in the constructor.");
}
