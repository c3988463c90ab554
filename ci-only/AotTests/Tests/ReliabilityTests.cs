using System;
using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>What the process-wide switch promises the process under test, under NativeAOT: the scenarios the JIT
/// tests run (Socktest.Runtime.Scenarios). Never in parallel with the other process-wide tests.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ReliabilityTests
{
    [Test]
    public void InjectedCloseErrorsReleaseEveryDescriptor() => ReliabilityScenarios.InjectedCloseErrorsReleaseEveryDescriptor(1000);

    [Test]
    public void ThrowingCloseFilterReleasesDescriptorsAlsoOnTheFinalizerThread()
        => ReliabilityScenarios.ThrowingCloseFilterReleasesDescriptorsAlsoOnTheFinalizerThread(1000);

    [Test]
    public void SocketFilterThatOpensASocketDoesNotRecurse() => ReliabilityScenarios.SocketFilterThatOpensASocketDoesNotRecurse();

    [Test]
    public void CloseFilterThatClosesSocketsDoesNotRecurse() => ReliabilityScenarios.CloseFilterThatClosesSocketsDoesNotRecurse();

    [Test]
    public void ForgottenSwitchIsReclaimedAndReported() => ReliabilityScenarios.ForgottenSwitchIsReclaimedAndReported();

    [Test]
    public Task FileClosesAreNeverTakenForSockets() => ReliabilityScenarios.FileClosesAreNeverTakenForSockets(iterations: 6, requestsPerIteration: 150);

    [Test]
    public Task InstallAndDisposeUnderTrafficGarbageCollectionAndChildProcesses()
        => HostileScenarios.InstallAndDisposeUnderTrafficGarbageCollectionAndChildProcesses(cycles: 40, cycleLength: TimeSpan.FromMilliseconds(100));
}
