using System;

namespace Socktest.TUnit;

/// <summary>
/// A base class for TUnit tests through the process-wide switch that run in parallel: each test gets its own
/// <see cref="ProcessSockets.BeginScope"/> scope, begun in the <c>[Before(Test)]</c> hook and flowed into the test, so
/// it sees the sockets the test opens (and the connections accepted on its listeners) and no other test's. As with
/// <see cref="SocketSwitchTest{TSwitch}"/>, a failed test's output gets the trace and a leak fails the test; the
/// leak check waits for sockets still closing (<see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>, up to
/// <see cref="SocketTestOptions.LeakTimeout"/>), and the runtime's probe sockets (<see cref="SocketMatch.RuntimeProbes"/>) are excused unless <c>options</c> says otherwise.
/// </summary>
public abstract class SocketScopeTest : SocketSwitchTest<SocketScope>
{
    /// <summary>Begins a scope for each test.</summary>
    /// <param name="options">What to watch; <see langword="null"/> for the defaults with
    /// <see cref="SocketTestOptions.IgnoreLeaks"/> set to <see cref="SocketMatch.RuntimeProbes"/>.</param>
    protected SocketScopeTest(SocketTestOptions? options = null)
        : base(ProcessSockets.BeginScope, options ?? new SocketTestOptions { IgnoreLeaks = SocketMatch.RuntimeProbes })
    {
    }

    /// <inheritdoc/>
    private protected override bool WaitsForCloses => true;
}
