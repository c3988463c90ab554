using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>The process-wide switch under the JIT. The scenarios (in Scenarios/) also run in the NativeAOT binary.</summary>
[Collection(ProcessWideCollection.Name)]
public class ProcessSocketsTests
{
    [Fact]
    public void NewSocketIsTrackedUntilDisposed() => ProcessSocketsScenarios.NewSocketIsTrackedUntilDisposed();

    [Fact]
    public Task ListenerAndClientAreCounted() => ProcessSocketsScenarios.ListenerAndClientAreCountedAndTheAcceptedSocketInheritsTheListenersCookie();

    [Fact]
    public void InjectedEmfileOnSocketIsTooManyOpenSockets() => ProcessSocketsScenarios.InjectedEmfileOnSocketIsTooManyOpenSockets();

    [Fact]
    public Task InjectedConnectionRefusedFailsConnectAsync() => ProcessSocketsScenarios.InjectedConnectionRefusedFailsConnectAsync();

    [Fact]
    public Task SoErrorTimedOutFailsAnAsyncConnectWithTimedOut() => ProcessSocketsScenarios.SoErrorTimedOutFailsAnAsyncConnectWithTimedOut();

    [Fact]
    public Task HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket() => ProcessSocketsScenarios.HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket();

    [Fact]
    public Task HttpClientSocketsAppearWhileInUseAndLeaveOnDispose() => ProcessSocketsScenarios.HttpClientSocketsAppearWhileInUseAndLeaveOnDispose();

    [Fact]
    public Task AcceptAsyncLoopSurvivesInjectedConnectionAborted() => ProcessSocketsScenarios.AcceptAsyncLoopSurvivesInjectedConnectionAborted();

    [Fact]
    public void AfterDisposeNothingIsIntercepted() => ProcessSocketsScenarios.AfterDisposeNothingIsIntercepted();

    [Fact]
    public void SecondInstallIsRefusedUntilTheFirstIsDisposed() => ProcessSocketsScenarios.SecondInstallIsRefusedUntilTheFirstIsDisposed();

    [Fact]
    public void ThrowingFilterFailsTheCallAndIsRecorded() => ProcessSocketsScenarios.ThrowingFilterFailsTheCallAndIsRecorded();

    [Fact]
    public void UnfilteredAndFilteredCallsAreBookedAlike() => ProcessSocketsScenarios.UnfilteredAndFilteredCallsAreBookedAlike();

    [Fact]
    public Task ManyThreadsUnderGarbageCollectionKeepExactCounts() => ProcessSocketsScenarios.ManyThreadsOfLoopbackConnectionsUnderGarbageCollectionKeepExactCounts();

    [Fact]
    public void ScenarioFailuresAreReported()
    {
        var failure = Assert.Throws<ScenarioFailedException>(() => Check.Equal(1, 2, "a number"));
        Assert.Equal("a number: expected 1, got 2", failure.Message);
    }
}
