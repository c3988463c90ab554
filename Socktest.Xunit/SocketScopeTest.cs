using System;

namespace Socktest.Xunit;

/// <summary>
/// A base class for xunit v3 test classes through the process-wide switch whose tests run in parallel: each test gets
/// its own <see cref="ProcessSockets.BeginScope"/> scope as its <see cref="SocketSwitchTest{TSwitch}.Switch"/>, so it
/// sees the sockets the test opens (and the connections accepted on its listeners) and no other test's. The scope is
/// begun in the constructor, which xunit v3 runs on the test's own asynchronous flow, so the test method's sockets are
/// the scope's. As with <see cref="SocketSwitchTest{TSwitch}"/>, a failed test's output gets the trace and a leak fails
/// the test; the leak check waits for sockets still closing (<see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>,
/// up to <see cref="SocketTestOptions.LeakTimeout"/>), and the runtime's probe sockets
/// (<see cref="SocketMatch.RuntimeProbes"/>) are excused unless <c>options</c> says otherwise.
/// </summary>
/// <example>
/// <code>
/// public class WeatherTests : SocketScopeTest
/// {
///     [Fact]
///     public async Task RetriesARefusal()
///     {
///         Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));   // only this test's sockets
///         ...
///     }
/// }
/// </code>
/// </example>
public abstract class SocketScopeTest : SocketSwitchTest<SocketScope>
{
    /// <summary>Begins a scope for the test.</summary>
    /// <param name="options">What to watch; <see langword="null"/> for the defaults with
    /// <see cref="SocketTestOptions.IgnoreLeaks"/> set to <see cref="SocketMatch.RuntimeProbes"/>.</param>
    /// <exception cref="PlatformNotSupportedException">The process-wide hook cannot work here (see
    /// <see cref="ProcessSockets.IsSupported"/>).</exception>
    protected SocketScopeTest(SocketTestOptions? options = null)
        : base(ProcessSockets.BeginScope(), options ?? new SocketTestOptions { IgnoreLeaks = SocketMatch.RuntimeProbes }, waitForCloses: true)
    {
    }
}
