using System;
using System.Collections.Generic;

namespace Socktest;

/// <summary>How <see cref="SocketFaultExplorer.ExploreAsync"/> explores: which faults go where, how deep, how many runs,
/// how many at once, and when a run counts as hung or leaking.</summary>
public sealed class ExploreOptions
{
    /// <summary>The faults tried at each kind of point. The default (<see cref="DefaultMenu"/>): a connect refused and
    /// unanswered; a send reset and cut short; a receive reset, ended early and cut short; <c>EMFILE</c> on socket and
    /// accept; a lookup failed (<c>HostNotFound</c>) and slow (1 s). Kinds with no entry get no fault.</summary>
    public IReadOnlyDictionary<FaultPointKind, IReadOnlyList<ExploreFault>> Menu { get; init; } = DefaultMenu();

    /// <summary>How many runs' scenarios go at once, each in its own scope; default 4. A run whose scenario has ended
    /// gives its place to the next while its leak check waits for the last sockets to close.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The most faults in one schedule; default 2. A schedule of <c>n</c> faults adds one at a point that only
    /// a run of its first <c>n - 1</c> faults reached (a retry path), and only after that run survived.</summary>
    public int MaxFaults { get; init; } = 2;

    /// <summary>The most runs with faults (the two fault-free runs and the confirmations are not counted); default 200.
    /// Runs beyond it are left out, and the report says how many (<see cref="ExploreReport.LeftOut"/>).</summary>
    public int MaxRuns { get; init; } = 200;

    /// <summary>Seeds the order of the runs; the same seed gives the same schedules in the same order.</summary>
    public int Seed { get; init; }

    /// <summary>How long a run may take before it counts as <see cref="ExploreOutcome.Hung"/>; default 10 s.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the leak check after a run waits for sockets still closing; default 1 s.</summary>
    public TimeSpan LeakTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sockets the leak check excuses; default <see cref="SocketMatch.RuntimeProbes"/>.</summary>
    public Func<Status, bool>? IgnoreLeaks { get; init; } = SocketMatch.RuntimeProbes;

    /// <summary>How many times the smallest schedule of each failure is replayed; default 3. A failure every replay
    /// repeats is confirmed; one that some replay does not repeat is flaky.</summary>
    public int Confirmations { get; init; } = 3;

    /// <summary>The default menu (see <see cref="Menu"/>): a new dictionary each call, to change and pass back.</summary>
    /// <returns>The menu.</returns>
    public static Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>> DefaultMenu() => new()
    {
        [FaultPointKind.Socket] = [ExploreFault.Fail(Errno.EMFILE)],
        [FaultPointKind.Connect] = [ExploreFault.Refuse, ExploreFault.Blackhole],
        [FaultPointKind.Accept] = [ExploreFault.Fail(Errno.EMFILE)],
        [FaultPointKind.Send] = [ExploreFault.Reset, ExploreFault.Short(1)],
        [FaultPointKind.Recv] = [ExploreFault.Reset, ExploreFault.EndOfStream, ExploreFault.Short(1)],
        [FaultPointKind.HostLookup] = [ExploreFault.LookupFailure(HostError.HostNotFound), ExploreFault.SlowLookup(TimeSpan.FromSeconds(1))],
    };

    /// <summary>Checks the options.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Menu, nameof(Menu));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFaults, 0, nameof(MaxFaults));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRuns, 0, nameof(MaxRuns));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RunTimeout, TimeSpan.Zero, nameof(RunTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeakTimeout, TimeSpan.Zero, nameof(LeakTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(Confirmations, 0, nameof(Confirmations));
    }
}
