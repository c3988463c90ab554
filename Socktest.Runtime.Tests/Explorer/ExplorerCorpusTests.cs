using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Tests.Explorer;

/// <summary>The explorer against the corpus: each buggy client is flagged at the right kind of point, with the right
/// outcome, by a confirmed schedule that reads back from its line and fails the client again in replays; each correct
/// twin survives the same exploration. Run alone (the process-wide collection runs by itself): each run has a short
/// timeout, and the load of the rest of the suite beside it once pushed a 300 ms delayed lookup past it.</summary>
[Collection(Socktest.Tests.ProcessWide.ProcessWideCollection.Name)]
public sealed class ExplorerCorpusTests : IDisposable
{
    private readonly FrameServer _server = new();

    public void Dispose()
    {
        Corpus.CloseLeaked();
        _server.Dispose();
    }

    private static ExploreOptions Options(FaultPointKind kind, ExploreFault fault, int maxFaults = 1, int runTimeoutMs = 3000) => new()
    {
        Menu = new Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>> { [kind] = [fault] },
        MaxFaults = maxFaults,
        RunTimeout = TimeSpan.FromMilliseconds(runTimeoutMs),
        LeakTimeout = TimeSpan.FromMilliseconds(300),
        Seed = 7,
    };

    [Fact]
    public async Task ASocketLeakedOnAFailedConnectIsFlaggedAtTheConnect()
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Connect, ExploreFault.Refuse);

        var failure = await AssertFlagged(scope => Corpus.LeaksOnFailedConnectAsync(port), options, ExploreOutcome.Leaked, FaultPointKind.Connect);
        Assert.StartsWith("left open: ", failure.Description, StringComparison.Ordinal);
        Assert.Equal($"connect#1@s1<127.0.0.1:{port}>=refuse", failure.Smallest.ToString());
        await AssertSurvives(scope => Corpus.DisposesOnFailedConnectAsync(port), options);
    }

    [Fact]
    public async Task AReaderThatTakesOneReceiveForAWholeFrameIsFlaggedAtTheReceive()
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Recv, ExploreFault.Short(1));

        var failure = await AssertFlagged(scope => Corpus.ReadsOnceAsync(port), options, ExploreOutcome.Failed, FaultPointKind.Recv);
        Assert.StartsWith("System.IO.InvalidDataException: Got 0 bytes of payload, not the server's 300.", failure.Description, StringComparison.Ordinal);
        Assert.Contains("at Socktest.Tests.Explorer.Corpus.", failure.Description, StringComparison.Ordinal);
        Assert.Equal("recv#1@s1+0<127.0.0.1:" + port + ">=short(1)", failure.Smallest.ToString());
        await AssertSurvives(scope => Corpus.ReadsExactlyAsync(port), options);
    }

    /// <summary>No retry on a reset; and an early end of stream inside the frame, which the twin does not retry
    /// either (it retries resets only), ends the read there.</summary>
    [Theory]
    [InlineData("reset", "System.Net.Sockets.SocketException: Connection reset by peer", true)]
    [InlineData("eof", "System.IO.EndOfStreamException: The server closed the connection inside a frame.", false)]
    public async Task NoRetryOnAResetIsFlaggedAtTheReceive(string fault, string description, bool twinSurvives)
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Recv, ExploreFault.Parse(fault));

        var failure = await AssertFlagged(scope => Corpus.GivesUpOnResetAsync(port), options, ExploreOutcome.Failed, FaultPointKind.Recv);
        Assert.StartsWith(description, failure.Description, StringComparison.Ordinal);
        if (twinSurvives)
        {
            await AssertSurvives(scope => Corpus.RetriesOnResetAsync(port), options);
        }
    }

    /// <summary>A retry that repeats a non-idempotent increment after its bytes were sent; the twin sends an
    /// idempotency key. Every outcome is decided, none by timing, so each run's is asserted. A fault at the client's
    /// receive of the answer's body (<c>recv#2@s1+4</c>) comes after the server answered, so after it applied the
    /// increment: the retry applies it again. One at the client's first receive (<c>recv#1@s1+0</c>) may come before
    /// the server has read the request, but the request is queued at the server by then (the client's send returned),
    /// and Linux lets a socket read what was queued before a reset arrived (checked apart with a C client that sends a
    /// line, then resets as <see cref="Faults.Reset"/> does, <c>connect(AF_UNSPEC)</c> and <c>shutdown</c>: the server
    /// read every line, on connections it accepted before the reset and after), so the increment is applied twice
    /// there too. One at the server's receive of the request (<c>recv#1@s2+0</c>) aborts the connection before the
    /// server reads it, which drops the request: only the retry is applied. The counter is read once the server has
    /// read (or lost) every request sent before the retry's answer (<see cref="CounterServer.AppliedAsync"/>).
    /// Receive faults only: these three points are recorded in one order every time (the server's receive, then the
    /// client's two), which the same-seed check needs, while a client's and a server's sends are recorded in the order
    /// their threads get there; and send faults show nothing more (a reset of the client's send comes before the
    /// request leaves, which both clients survive; one of the server's answer comes after the increment, as a fault
    /// at the client's receive does).</summary>
    [Theory]
    [InlineData("reset")]
    [InlineData("eof")]
    public async Task ARetryThatRepeatsAnIncrementAfterItsBytesWereSentIsFlaggedAtTheReceive(string fault)
    {
        using var counters = new CounterServer();
        var options = Options(FaultPointKind.Recv, ExploreFault.Parse(fault));
        Func<SocketScope, Task> scenario = scope => Corpus.IncrementOnceAsync(counters, Corpus.RetriesTheIncrementAsync);

        var failure = await AssertFlagged(scenario, options, ExploreOutcome.Failed, FaultPointKind.Recv);
        Assert.StartsWith("System.IO.InvalidDataException: The server applied the increment 2 times, not once.", failure.Description, StringComparison.Ordinal);
        Assert.Equal(1, failure.Smallest.Faults[0].Point.SocketOrdinal);

        var report = await SocketFaultExplorer.ExploreAsync(scenario, options);
        var again = await SocketFaultExplorer.ExploreAsync(scenario, options);
        Assert.Equal(
            ["none Survived", "none Survived", $"recv#1@s1+0={fault} Failed", $"recv#1@s2+0={fault} Survived", $"recv#2@s1+4={fault} Failed"],
            Outcomes(report).Order(StringComparer.Ordinal));
        Assert.All(report.Runs.Skip(2), run => Assert.Equal(1, run.Injected));
        Assert.Equal(Outcomes(report), Outcomes(again));           // the same seed: the same schedules, in the same order

        await AssertSurvives(scope => Corpus.IncrementOnceAsync(counters, Corpus.RetriesWithAnIdempotencyKeyAsync), options);
    }

    [Fact]
    public async Task NoTimeoutOnAnUnansweredPeerHangsAtTheConnect()
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Connect, ExploreFault.Blackhole, runTimeoutMs: 1000);

        var failure = await AssertFlagged(scope => Corpus.WaitsForeverAsync(port), options, ExploreOutcome.Hung, FaultPointKind.Connect);
        Assert.Equal("still running after 1000 ms; its sockets were reset", failure.Description);
        await AssertSurvives(scope => Corpus.TimesOutAndRetriesAsync(port), options);
    }

    [Fact]
    public async Task AnUnhandledLookupFailureIsFlaggedAtTheLookupOfANameTheScenarioMaps()
    {
        int port = _server.Port;
        const string Host = "explorer-corpus.example.test";
        var options = Options(FaultPointKind.HostLookup, ExploreFault.LookupFailure(HostError.TryAgain));

        var failure = await AssertFlagged(
            scope =>
            {
                scope.SetHostFilter(HostFilters.Map(Host, IPAddress.Loopback));
                return Corpus.LooksUpOnceAsync(Host, port);
            },
            options, ExploreOutcome.Failed, FaultPointKind.HostLookup);
        Assert.Equal($"lookup#1<{Host}>=lookup-fail(TryAgain)", failure.Smallest.ToString());
        Assert.StartsWith("System.Net.Sockets.SocketException: ", failure.Description, StringComparison.Ordinal);
        await AssertSurvives(
            scope =>
            {
                scope.SetHostFilter(HostFilters.Map(Host, IPAddress.Loopback));
                return Corpus.RetriesTheLookupAsync(Host, port);
            },
            options);
    }

    [Fact]
    public async Task ARetryOfOneRefusalOnlyFailsOnlyWhenTheRetryIsRefusedToo()
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Connect, ExploreFault.Refuse, maxFaults: 2);

        var report = await SocketFaultExplorer.ExploreAsync(scope => Corpus.RetriesOnceAsync(port), options);
        Assert.All(report.Runs.Where(run => run.Schedule.Faults.Count <= 1), run => Assert.Equal(ExploreOutcome.Survived, run.Outcome));
        var failure = Assert.Single(report.Failures);
        Assert.Equal(ExploreOutcome.Failed, failure.Outcome);
        Assert.Equal($"connect#1@s1<127.0.0.1:{port}>=refuse; connect#1@s2<127.0.0.1:{port}>=refuse", failure.Smallest.ToString());
        Assert.StartsWith("System.Net.Sockets.SocketException: Connection refused", failure.Description, StringComparison.Ordinal);
        await AssertReplays(scope => Corpus.RetriesOnceAsync(port), failure, options);

        await AssertSurvives(scope => Corpus.RetriesThriceAsync(port), options);
    }

    [Fact]
    public async Task EmfileOnTheSocketCallIsTheClientsSocketException()
    {
        int port = _server.Port;
        var options = Options(FaultPointKind.Socket, ExploreFault.Fail(Errno.EMFILE));

        var failure = await AssertFlagged(scope => Corpus.RetriesOnResetAsync(port), options, ExploreOutcome.Failed, FaultPointKind.Socket);
        Assert.Equal("socket#1=fail(EMFILE)", failure.Smallest.ToString());
        Assert.StartsWith("System.Net.Sockets.SocketException: Too many open files", failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowLookupAnswersAsTheScenariosOwnHostFilterDoesButLater()
    {
        int port = _server.Port;
        const string Host = "explorer-slow.example.test";
        var run = await SocketFaultExplorer.ReplayAsync(
            scope =>
            {
                scope.SetHostFilter(HostFilters.Map(Host, IPAddress.Loopback));
                return Corpus.LooksUpOnceAsync(Host, port);
            },
            FaultSchedule.Parse($"lookup#1<{Host}>=lookup-delay(300ms)"),
            Options(FaultPointKind.HostLookup, ExploreFault.SlowLookup(TimeSpan.FromMilliseconds(300))));

        Assert.Equal(ExploreOutcome.Survived, run.Outcome);
        Assert.Equal(1, run.Injected);
        Assert.True(run.Elapsed >= TimeSpan.FromMilliseconds(300), run.Elapsed.ToString());
    }

    /// <summary>Explores <paramref name="scenario"/>: exactly one failure group, confirmed, whose smallest schedule is
    /// one fault at a point of <paramref name="kind"/>, and replays 5 of 5 from its parsed line.</summary>
    private static async Task<ExploreFailure> AssertFlagged(Func<SocketScope, Task> scenario, ExploreOptions options, ExploreOutcome outcome, FaultPointKind kind)
    {
        var report = await SocketFaultExplorer.ExploreAsync(scenario, options);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.Equal(ExploreOutcome.Survived, report.Runs[0].Outcome);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(outcome, failure.Outcome);
        Assert.True(failure.Confirmed, report.ToString());
        Assert.Equal(3, failure.Replays);
        var fault = Assert.Single(failure.Smallest.Faults);
        Assert.Equal(kind, fault.Kind);
        Assert.Equal(kind, fault.Point.Kind);
        var thrown = Assert.Throws<FaultExplorationException>(report.AssertAllSurvived);
        Assert.Contains(failure.Smallest.ToString(), thrown.Message, StringComparison.Ordinal);
        await AssertReplays(scenario, failure, options);
        return failure;
    }

    private static async Task AssertReplays(Func<SocketScope, Task> scenario, ExploreFailure failure, ExploreOptions options)
    {
        var parsed = FaultSchedule.Parse(failure.Smallest.ToString());
        Assert.Equal(failure.Smallest, parsed);
        Assert.Equal(failure.Smallest.ToString(), parsed.ToString());
        var replays = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SocketFaultExplorer.ReplayAsync(scenario, parsed, options)));
        Assert.All(replays, replay => Assert.Equal(failure.Outcome, replay.Outcome));
        Assert.All(replays, replay => Assert.Equal(parsed.Faults.Count, replay.Injected));
    }

    /// <summary>Each run's schedule, without the peers (a server end's is the client's ephemeral port), and outcome.</summary>
    private static List<string> Outcomes(ExploreReport report)
        => report.Runs.Select(run => $"{Regex.Replace(run.Schedule.ToString(), "<[^>]*>", string.Empty)} {run.Outcome}").ToList();

    private static async Task AssertSurvives(Func<SocketScope, Task> scenario, ExploreOptions options)
    {
        var report = await SocketFaultExplorer.ExploreAsync(scenario, options);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, report.Runs));
        report.AssertAllSurvived();
        Assert.True(report.Runs.Count > 2, report.ToString());
        Assert.Contains(report.Runs, run => run.Schedule.Faults.Count > 0 && run.Injected == run.Schedule.Faults.Count);
    }
}
