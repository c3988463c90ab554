using System;
using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>What the process-wide switch promises the process under test (JIT). The NativeAOT binary runs the same
/// scenarios.</summary>
[Collection(ProcessWideCollection.Name)]
public class ReliabilityTests
{
    [Fact]
    public void InjectedCloseErrorsReleaseEveryDescriptor() => ReliabilityScenarios.InjectedCloseErrorsReleaseEveryDescriptor(1000);

    [Fact]
    public void ThrowingCloseFilterReleasesDescriptorsAlsoOnTheFinalizerThread()
        => ReliabilityScenarios.ThrowingCloseFilterReleasesDescriptorsAlsoOnTheFinalizerThread(1000);

    [Fact]
    public void SocketFilterThatOpensASocketDoesNotRecurse() => ReliabilityScenarios.SocketFilterThatOpensASocketDoesNotRecurse();

    [Fact]
    public void CloseFilterThatClosesSocketsDoesNotRecurse() => ReliabilityScenarios.CloseFilterThatClosesSocketsDoesNotRecurse();

    [Fact]
    public void ForgottenSwitchIsReclaimedAndReported() => ReliabilityScenarios.ForgottenSwitchIsReclaimedAndReported();

    [Fact]
    public Task FileClosesAreNeverTakenForSockets() => ReliabilityScenarios.FileClosesAreNeverTakenForSockets(iterations: 6, requestsPerIteration: 150);

    [Fact]
    public Task InstallAndDisposeUnderTrafficGarbageCollectionAndChildProcesses()
        => HostileScenarios.InstallAndDisposeUnderTrafficGarbageCollectionAndChildProcesses(cycles: 40, cycleLength: TimeSpan.FromMilliseconds(100));
}
