using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>The faults made in the kernel under NativeAOT: the scenarios the JIT tests run (Socktest.Runtime.Scenarios).</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class FaithfulTests
{
    [Test]
    public Task ARefusedConnectLooksAsAClosedPortsDoes() => FaithfulScenarios.ARefusedConnectLooksAsAClosedPortsDoes();

    [Test]
    public Task AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt() => FaithfulScenarios.AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt();

    [Test]
    public Task AHealedPartitionDeliversEveryHeldByteInOrder() => FaithfulScenarios.AHealedPartitionDeliversEveryHeldByteInOrder();

    [Test]
    public Task DelayedReadsHoldNoThread() => FaithfulScenarios.DelayedReadsHoldNoThread();
}
