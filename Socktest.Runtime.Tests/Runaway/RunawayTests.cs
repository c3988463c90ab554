using System;
using System.Threading.Tasks;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Runaway;

/// <summary>Nothing a test does can hang, spin or kill the process under test: each of <see cref="RunawayChildTests"/>
/// runs in a child process under a hard timeout (JIT; the NativeAOT binary runs the same scenarios).</summary>
public class RunawayTests
{
    [Theory]
    [InlineData(nameof(RunawayChildTests.LongHostDelaysAreHonouredAndEndWithTheScope))]
    [InlineData(nameof(RunawayChildTests.UnboundedEintrIsRefusedAndBounded))]
    [InlineData(nameof(RunawayChildTests.EagainOnDataCallsIsRefused))]
    [InlineData(nameof(RunawayChildTests.DelayedCallEndsWhenItsScopeEnds))]
    [InlineData(nameof(RunawayChildTests.DisposingADelayedSocketEndsItsDelay))]
    [InlineData(nameof(RunawayChildTests.LookupRecordsStayFlatOverAMillionLookups))]
    [InlineData(nameof(RunawayChildTests.FaultRecordsStayFlat))]
    [InlineData(nameof(RunawayChildTests.TrackedSocketsKeepTheBooks))]
    [InlineData(nameof(RunawayChildTests.HostFilterThatWaitsOnAnotherLookupIsAnswered))]
    public void RunsInAChildProcessWithinItsTimeout(string test) => ChildTestRun.Run(typeof(RunawayChildTests), test, TimeSpan.FromMinutes(2));
}

/// <summary>The runaway scenarios, each run only as a child process of <see cref="RunawayTests"/>.</summary>
public class RunawayChildTests
{
    private const string Why = "Runs in a child process, under a hard timeout (RunawayTests).";

    public static bool InChild => ChildTestRun.InChild;

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public Task LongHostDelaysAreHonouredAndEndWithTheScope() => RunawayScenarios.LongHostDelaysAreHonouredAndEndWithTheScope();

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public void UnboundedEintrIsRefusedAndBounded() => RunawayScenarios.UnboundedEintrIsRefusedAndBounded();

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public void EagainOnDataCallsIsRefused() => RunawayScenarios.EagainOnDataCallsIsRefused();

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public async Task DelayedCallEndsWhenItsScopeEnds()
    {
        var took = await RunawayScenarios.DelayedCallEndsWhenItsScopeEnds();
        TestContext.Current.SendDiagnosticMessage($"the delayed connect returned {took.TotalMilliseconds:F1} ms after the scope ended");
    }

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public async Task DisposingADelayedSocketEndsItsDelay()
    {
        var took = await RunawayScenarios.DisposingADelayedSocketEndsItsDelay();
        TestContext.Current.SendDiagnosticMessage($"Dispose and the delayed connect returned {took.TotalMilliseconds:F1} ms after Dispose began");
    }

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public void LookupRecordsStayFlatOverAMillionLookups()
    {
        long growth = RunawayScenarios.LookupRecordsStayBounded(1_000_000);
        TestContext.Current.SendDiagnosticMessage($"heap growth over 1,000,000 lookups: {growth} bytes");
    }

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public void FaultRecordsStayFlat()
    {
        long growth = RunawayScenarios.FaultRecordsStayBounded(20_000);
        TestContext.Current.SendDiagnosticMessage($"heap growth over 20,000 throwing closes: {growth} bytes");
    }

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public Task TrackedSocketsKeepTheBooks() => ScopeScenarios.TrackedListenerIsFilteredAndItsConnectionsCounted();

    [Fact(Skip = Why, SkipUnless = nameof(InChild))]
    public Task HostFilterThatWaitsOnAnotherLookupIsAnswered() => RunawayScenarios.HostFilterThatWaitsOnAnotherLookupIsAnswered(15);
}
