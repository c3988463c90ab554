using System;
using System.Threading.Tasks;
using TUnit.Core;

namespace Socktest.TUnit;

/// <summary>What <see cref="SocketSwitchTest{TSwitch}"/> does when a test ends, given the test's state rather than
/// TUnit's context, so that it can be tested (a test cannot fail on purpose to show what happens when one fails).</summary>
internal static class SocketTestEnd
{
    /// <summary>Finishes <paramref name="watch"/>: the trace goes to <paramref name="write"/> when the test did not pass
    /// (failed, timed out, was cancelled), and a leak throws <see cref="SocketLeakException"/>, which fails the test.</summary>
    internal static void Finish(SocketTestWatch watch, TestState? state, Action<string>? write)
        => watch.Finish(testFailed: Failed(state), write);

    /// <summary>Like <see cref="Finish"/>, with a leak check that waits for sockets still closing (up to
    /// <see cref="SocketTestOptions.LeakTimeout"/>) when <paramref name="waitForCloses"/> says so.</summary>
    internal static Task FinishAsync(SocketTestWatch watch, TestState? state, Action<string>? write, bool waitForCloses)
    {
        if (waitForCloses)
        {
            return watch.FinishAsync(testFailed: Failed(state), write);
        }

        watch.Finish(testFailed: Failed(state), write);
        return Task.CompletedTask;
    }

    /// <summary>Whether a test in <paramref name="state"/> failed: anything but passed or skipped once it has ended.
    /// No result yet (<see langword="null"/>) counts as not failed: the leak check still runs.</summary>
    internal static bool Failed(TestState? state) => state is TestState.Failed or TestState.Timeout or TestState.Cancelled;
}
