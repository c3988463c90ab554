using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>Nothing a test does can hang, spin or kill the process under test, under NativeAOT: each of
/// <see cref="RunawayChildTests"/> runs in a child process of this binary (filtered to that one test) under a hard
/// timeout, as the JIT tests do.</summary>
public class RunawayTests
{
    [Test]
    [Arguments(nameof(RunawayChildTests.LongHostDelaysAreHonouredAndEndWithTheScope))]
    [Arguments(nameof(RunawayChildTests.UnboundedEintrIsRefusedAndBounded))]
    [Arguments(nameof(RunawayChildTests.EagainOnDataCallsIsRefused))]
    [Arguments(nameof(RunawayChildTests.DelayedCallEndsWhenItsScopeEnds))]
    [Arguments(nameof(RunawayChildTests.DisposingADelayedSocketEndsItsDelay))]
    [Arguments(nameof(RunawayChildTests.LookupRecordsStayFlatOverAMillionLookups))]
    [Arguments(nameof(RunawayChildTests.FaultRecordsStayFlat))]
    [Arguments(nameof(RunawayChildTests.TrackedSocketsKeepTheBooks))]
    [Arguments(nameof(RunawayChildTests.HostFilterThatWaitsOnAnotherLookupIsAnswered))]
    public async Task RunsInAChildProcessWithinItsTimeout(string test)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--treenode-filter");
        start.ArgumentList.Add($"/*/*/{nameof(RunawayChildTests)}/{test}");
        start.Environment[RunawayChildTests.Variable] = "1";
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            throw new TimeoutException($"{test} did not end within 2 minutes and was killed. Output:\n{await output}\n{await errors}");
        }

        await child.WaitForExitAsync();
        string text = await output;

        // A child that skipped its test (the variable lost on the way) exits 0 too: it must have run it.
        if (child.ExitCode != 0 || !text.Contains("succeeded: 1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{test} in a child process: exit code {child.ExitCode}. Output:\n{text}\n{await errors}");
        }
    }
}

/// <summary>The runaway scenarios, each run only as a child process of <see cref="RunawayTests"/>.</summary>
public class RunawayChildTests
{
    internal const string Variable = "SOCKTEST_CHILD_TEST";

    private static void OnlyInAChild()
        => Skip.When(Environment.GetEnvironmentVariable(Variable) != "1", "Runs in a child process, under a hard timeout (RunawayTests).");

    [Test]
    public Task LongHostDelaysAreHonouredAndEndWithTheScope()
    {
        OnlyInAChild();
        return RunawayScenarios.LongHostDelaysAreHonouredAndEndWithTheScope();
    }

    [Test]
    public void UnboundedEintrIsRefusedAndBounded()
    {
        OnlyInAChild();
        RunawayScenarios.UnboundedEintrIsRefusedAndBounded();
    }

    [Test]
    public void EagainOnDataCallsIsRefused()
    {
        OnlyInAChild();
        RunawayScenarios.EagainOnDataCallsIsRefused();
    }

    [Test]
    public Task DelayedCallEndsWhenItsScopeEnds()
    {
        OnlyInAChild();
        return RunawayScenarios.DelayedCallEndsWhenItsScopeEnds();
    }

    [Test]
    public Task DisposingADelayedSocketEndsItsDelay()
    {
        OnlyInAChild();
        return RunawayScenarios.DisposingADelayedSocketEndsItsDelay();
    }

    [Test]
    public void LookupRecordsStayFlatOverAMillionLookups()
    {
        OnlyInAChild();
        RunawayScenarios.LookupRecordsStayBounded(1_000_000);
    }

    [Test]
    public void FaultRecordsStayFlat()
    {
        OnlyInAChild();
        RunawayScenarios.FaultRecordsStayBounded(20_000);
    }

    [Test]
    public Task TrackedSocketsKeepTheBooks()
    {
        OnlyInAChild();
        return ScopeScenarios.TrackedListenerIsFilteredAndItsConnectionsCounted();
    }

    [Test]
    public Task HostFilterThatWaitsOnAnotherLookupIsAnswered()
    {
        OnlyInAChild();
        return RunawayScenarios.HostFilterThatWaitsOnAnotherLookupIsAnswered(15);
    }
}
