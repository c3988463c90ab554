using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>
/// The process-wide switch under NativeAOT, where System.Native is linked into this executable: the same scenarios
/// the JIT tests run (Socktest.Runtime.Scenarios). One installation at a time, so never in parallel.
/// </summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ProcessSocketsTests
{
    [Test]
    public void NewSocketIsTrackedUntilDisposed() => ProcessSocketsScenarios.NewSocketIsTrackedUntilDisposed();

    [Test]
    public Task ListenerAndClientAreCounted() => ProcessSocketsScenarios.ListenerAndClientAreCountedAndTheAcceptedSocketInheritsTheListenersCookie();

    [Test]
    public void InjectedEmfileOnSocketIsTooManyOpenSockets() => ProcessSocketsScenarios.InjectedEmfileOnSocketIsTooManyOpenSockets();

    [Test]
    public Task InjectedConnectionRefusedFailsConnectAsync() => ProcessSocketsScenarios.InjectedConnectionRefusedFailsConnectAsync();

    [Test]
    public Task SoErrorTimedOutFailsAnAsyncConnectWithTimedOut() => ProcessSocketsScenarios.SoErrorTimedOutFailsAnAsyncConnectWithTimedOut();

    [Test]
    public Task HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket() => ProcessSocketsScenarios.HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket();

    [Test]
    public Task HttpClientSocketsAppearWhileInUseAndLeaveOnDispose() => ProcessSocketsScenarios.HttpClientSocketsAppearWhileInUseAndLeaveOnDispose();

    [Test]
    public Task AcceptAsyncLoopSurvivesInjectedConnectionAborted() => ProcessSocketsScenarios.AcceptAsyncLoopSurvivesInjectedConnectionAborted();

    [Test]
    public void AfterDisposeNothingIsIntercepted() => ProcessSocketsScenarios.AfterDisposeNothingIsIntercepted();

    [Test]
    public void SecondInstallIsRefusedUntilTheFirstIsDisposed() => ProcessSocketsScenarios.SecondInstallIsRefusedUntilTheFirstIsDisposed();

    [Test]
    public void ThrowingFilterFailsTheCallAndIsRecorded() => ProcessSocketsScenarios.ThrowingFilterFailsTheCallAndIsRecorded();

    [Test]
    public void UnfilteredAndFilteredCallsAreBookedAlike() => ProcessSocketsScenarios.UnfilteredAndFilteredCallsAreBookedAlike();

    [Test]
    public Task ManyThreadsUnderGarbageCollectionKeepExactCounts() => ProcessSocketsScenarios.ManyThreadsOfLoopbackConnectionsUnderGarbageCollectionKeepExactCounts();
}
