using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>Finds the faults a scenario does not survive without the test naming them. It runs the scenario twice
/// with no fault, each time in a fresh scope of the process-wide switch, and records every point where a fault of its
/// menu can go (<see cref="FaultPoint"/>: the calls of the kinds the menu has faults for; the other kinds keep the
/// switch's unfiltered path); then reruns it once per point and fault of the menu (<see cref="ExploreOptions.Menu"/>),
/// then, on runs that survived, adds a fault at each point that only the earlier faults opened (the retry paths), up
/// to <see cref="ExploreOptions.MaxFaults"/> faults and <see cref="ExploreOptions.MaxRuns"/> runs. A run fails when the
/// scenario throws, leaves a socket open, or outlives <see cref="ExploreOptions.RunTimeout"/>.</summary>
public static class SocketFaultExplorer
{
    /// <summary>Explores the faults <paramref name="scenario"/> meets.</summary>
    /// <param name="scenario">One run: given its scope, it does what the code under test does and throws when the
    /// result is wrong. It must open its sockets from the flow it is called on (the scope owns what that flow opens),
    /// must not deploy socket filters on the scope (the explorer's would be replaced), and may deploy a host filter
    /// (lookup faults apply on top of it). Each run gets a fresh scope; runs go in parallel, so it must not share
    /// connections (an <c>HttpClient</c>) between runs.</param>
    /// <param name="options">The menu, depth, budget, parallelism and timeouts; <see langword="null"/> for the
    /// defaults.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<ExploreReport> ExploreAsync(Func<SocketScope, Task> scenario, ExploreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ExploreOptions();
        options.Validate();

        // A scope begun on a flow of its own owns nothing; it keeps the hook written between runs, which would
        // otherwise be put back and written again each time no run is in flight.
        using var keeper = await Task.Run(() => ProcessSockets.BeginInternalScope("SocketFaultExplorer.ExploreAsync, which keeps the hook written between its runs")).ConfigureAwait(false);
        var runs = new List<ExploreRun>(await RunAllAsync(scenario, [FaultSchedule.None, FaultSchedule.None], options).ConfigureAwait(false));
        var first = new HashSet<FaultPoint>(runs[0].Points);
        var second = new HashSet<FaultPoint>(runs[1].Points);
        int unstable = first.Count(point => !second.Contains(point)) + second.Count(point => !first.Contains(point));
        var points = runs[0].Points.Where(second.Contains).Distinct().ToArray();
        var baseline = new HashSet<FaultPoint>(first.Concat(second));

        int budget = options.MaxRuns;
        int leftOut = 0;
        if (runs.All(run => run.Outcome == ExploreOutcome.Survived))
        {
            var seen = new HashSet<FaultSchedule>();
            var frontier = new List<(FaultSchedule Schedule, IReadOnlyList<FaultPoint> Reached)> { (FaultSchedule.None, InPlanOrder(points)) };
            for (int depth = 1; depth <= options.MaxFaults && frontier.Count > 0; depth++)
            {
                var planned = new List<FaultSchedule>();
                foreach (var (parent, reached) in frontier)
                {
                    var open = depth == 1 ? reached : reached.Where(point => !baseline.Contains(point)).Distinct();
                    foreach (var point in open)
                    {
                        if (!options.Menu.TryGetValue(point.Kind, out var menu))
                        {
                            continue;
                        }

                        foreach (var fault in menu)
                        {
                            var schedule = parent.With(new ScheduledFault(point, fault));
                            if (parent.Faults.All(earlier => !earlier.Point.Equals(point)) && seen.Add(schedule))
                            {
                                planned.Add(schedule);
                            }
                        }
                    }
                }

                var ordered = Dissimilar(planned, options.Seed + depth);
                var chosen = ordered.Take(budget).ToArray();
                leftOut += ordered.Count - chosen.Length;
                budget -= chosen.Length;
                var results = await RunAllAsync(scenario, chosen, options).ConfigureAwait(false);
                runs.AddRange(results);
                frontier = results
                    .Where(run => run.Outcome == ExploreOutcome.Survived && run.Injected == run.Schedule.Faults.Count)
                    .Select(run => (run.Schedule, InPlanOrder(run.Points)))
                    .ToList();
            }
        }

        var failures = new List<ExploreFailure>();
        foreach (var outcome in new[] { ExploreOutcome.Failed, ExploreOutcome.Leaked, ExploreOutcome.Hung })
        {
            var group = runs.Where(run => run.Outcome == outcome).ToArray();
            if (group.Length == 0)
            {
                continue;
            }

            var smallest = group.OrderBy(run => run.Schedule.Faults.Count).First();
            var replays = await RunAllAsync(scenario, Enumerable.Repeat(smallest.Schedule, options.Confirmations).ToArray(), options).ConfigureAwait(false);
            failures.Add(new ExploreFailure(outcome, smallest.Description ?? outcome.ToString(), smallest.Schedule, group.Length,
                replays.Length, replays.Count(replay => replay.Outcome == outcome)));
        }

        return new ExploreReport(runs, failures, points, unstable, leftOut);
    }

    /// <summary>Runs <paramref name="scenario"/> once under <paramref name="schedule"/>, as the explorer runs it: in a
    /// fresh scope, with the leak check and the time limit of <paramref name="options"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="schedule">The faults to inject, such as a report's <see cref="ExploreFailure.Smallest"/> or a
    /// schedule read back by <see cref="FaultSchedule.Parse"/>.</param>
    /// <param name="options">The time limit and leak check; <see langword="null"/> for the defaults.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> or <paramref name="schedule"/> is
    /// <see langword="null"/>.</exception>
    public static Task<ExploreRun> ReplayAsync(Func<SocketScope, Task> scenario, FaultSchedule schedule, ExploreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new ExploreOptions();
        options.Validate();
        return RunOnceAsync(scenario, schedule, options, PointRecorder.KindsOf(options.Menu), place: null);
    }

    /// <summary>The points in an order that does not depend on timing: a run records a client's and a server's calls
    /// in whichever order their threads get there, and planning from that order would let the same seed give different
    /// schedules.</summary>
    private static IReadOnlyList<FaultPoint> InPlanOrder(IEnumerable<FaultPoint> points)
        => points
            .OrderBy(point => point.SocketOrdinal)
            .ThenBy(point => point.Kind)
            .ThenBy(point => point.ByteOffset)
            .ThenBy(point => point.Ordinal)
            .ThenBy(point => point.HostName, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    /// <summary>Orders schedules so that neighbours differ: grouped by the kind and fault of their last fault, each
    /// group shuffled with the seed, then one from each group in turn (as FATE orders its failure combinations).</summary>
    private static List<FaultSchedule> Dissimilar(List<FaultSchedule> planned, int seed)
    {
        var random = new Random(seed);
        var groups = planned
            .GroupBy(schedule => (schedule.Faults[^1].Kind, schedule.Faults[^1].Fault))
            .Select(group => group.ToList())
            .ToList();
        foreach (var group in groups)
        {
            for (int i = group.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (group[i], group[j]) = (group[j], group[i]);
            }
        }

        var ordered = new List<FaultSchedule>(planned.Count);
        for (int round = 0; ordered.Count < planned.Count; round++)
        {
            foreach (var group in groups)
            {
                if (round < group.Count)
                {
                    ordered.Add(group[round]);
                }
            }
        }

        return ordered;
    }

    /// <summary>Runs every schedule, <see cref="ExploreOptions.Parallelism"/> at once; the results in the schedules'
    /// order.</summary>
    private static async Task<ExploreRun[]> RunAllAsync(Func<SocketScope, Task> scenario, IReadOnlyList<FaultSchedule> schedules, ExploreOptions options)
    {
        var results = new ExploreRun[schedules.Count];
        int kinds = PointRecorder.KindsOf(options.Menu);
        using var slots = new SemaphoreSlim(options.Parallelism);
        var tasks = new Task[schedules.Count];
        for (int i = 0; i < schedules.Count; i++)
        {
            int index = i;
            await slots.WaitAsync().ConfigureAwait(false);
            tasks[i] = Task.Run(async () =>
            {
                var place = new RunPlace(slots);
                try
                {
                    results[index] = await RunOnceAsync(scenario, schedules[index], options, kinds, place).ConfigureAwait(false);
                }
                finally
                {
                    place.Leave();
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;
    }

    /// <summary>Runs one schedule in a scope of its own. The run leaves <paramref name="place"/> once its scenario has
    /// ended, before the leak check: waiting for a server to close its end of a connection (Kestrel takes about a
    /// millisecond) is idle time, and holding a place through it would let the next scenario wait for nothing.</summary>
    private static async Task<ExploreRun> RunOnceAsync(Func<SocketScope, Task> scenario, FaultSchedule schedule, ExploreOptions options, int kinds, RunPlace? place)
    {
        var recorder = new PointRecorder(schedule, kinds);
        var watch = Stopwatch.StartNew();
        using var scope = ProcessSockets.BeginInternalScope("SocketFaultExplorer, for a run of: " + schedule);
        recorder.Deploy(scope);

        // Run on the pool from this flow, which the scope now owns: a scenario that blocks its thread still times out.
        var run = Task.Run(() => scenario(scope));
        using var timer = new CancellationTokenSource();
        var finished = await Task.WhenAny(run, Task.Delay(options.RunTimeout, timer.Token)).ConfigureAwait(false);
        timer.Cancel();
        if (finished == run)
        {
            place?.Leave();
        }

        ExploreOutcome outcome;
        string? description = null;
        if (finished != run)
        {
            outcome = ExploreOutcome.Hung;
            description = string.Create(CultureInfo.InvariantCulture, $"still running after {options.RunTimeout.TotalMilliseconds:0} ms; its sockets were reset");
            _ = run.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ResetSockets(scope);
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
        else if (run.IsFaulted || run.IsCanceled)
        {
            outcome = ExploreOutcome.Failed;
            description = Describe(run.IsFaulted ? run.Exception!.InnerExceptions[0] : new TaskCanceledException(run));
        }
        else
        {
            try
            {
                await scope.AssertNoLeaksAsync(options.IgnoreLeaks, options.LeakTimeout).ConfigureAwait(false);
                outcome = ExploreOutcome.Survived;
            }
            catch (SocketLeakException leak)
            {
                outcome = ExploreOutcome.Leaked;
                description = DescribeLeak(leak.Message);
            }
        }

        return new ExploreRun(schedule, outcome, description, watch.Elapsed, recorder.Injected(), recorder.Points());
    }

    /// <summary>Resets every socket the hung run still holds in the kernel, as a peer's reset would, so that whatever
    /// waits on them (a receive, an unanswered connect) wakes with an error and nothing stays blocked.</summary>
    private static void ResetSockets(SocketScope scope)
    {
        foreach (int fd in scope.Sockets().Keys)
        {
            OriginalKernelFaults.Instance.Reset(fd);
        }
    }

    /// <summary>The exception's type and message, and the first frame outside .NET's libraries and Socktest.</summary>
    internal static string Describe(Exception exception)
    {
        string text = $"{exception.GetType().FullName}: {exception.Message}";
        string? frame = UserFrame(exception.StackTrace);
        return frame is null ? text : $"{text} at {frame}";
    }

    private static string? UserFrame(string? stackTrace)
    {
        if (stackTrace is null)
        {
            return null;
        }

        foreach (string raw in stackTrace.Split('\n'))
        {
            string line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
            {
                continue;
            }

            string frame = line[3..];
            int arguments = frame.IndexOf('(', StringComparison.Ordinal);
            if (arguments > 0)
            {
                frame = frame[..arguments];
            }

            if (!frame.StartsWith("System.", StringComparison.Ordinal) && !frame.StartsWith("Microsoft.", StringComparison.Ordinal)
                && !frame.StartsWith("Socktest.SocketFaultExplorer", StringComparison.Ordinal)
                && !frame.StartsWith("Socktest.ExploreFault", StringComparison.Ordinal)
                && !frame.StartsWith("Socktest.PointRecorder", StringComparison.Ordinal))
            {
                return frame;
            }
        }

        return null;
    }

    /// <summary>The open sockets of a leak report, on one line.</summary>
    private static string DescribeLeak(string report)
    {
        var sockets = report.Split('\n')
            .Select(line => line.Trim())
            .TakeWhile(line => !line.StartsWith("Socket statistical information", StringComparison.Ordinal))
            .Where(line => line.Length > 0 && !line.StartsWith("Inflight sockets", StringComparison.Ordinal));
        return "left open: " + string.Join(", ", sockets);
    }

    /// <summary>A run's place among the <see cref="ExploreOptions.Parallelism"/> that run at once, left once.</summary>
    private sealed class RunPlace(SemaphoreSlim places)
    {
        private int _left;

        internal void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                places.Release();
            }
        }
    }
}
