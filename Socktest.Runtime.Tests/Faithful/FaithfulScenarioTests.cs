using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary>The scenarios the NativeAOT suite runs too (Socktest.Runtime.Scenarios), under the JIT.</summary>
public sealed class FaithfulScenarioTests
{
    [Fact]
    public Task ARefusedConnectLooksAsAClosedPortsDoes() => FaithfulScenarios.ARefusedConnectLooksAsAClosedPortsDoes();

    [Fact]
    public Task AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt() => FaithfulScenarios.AnInjectedResetWakesAPendingReceiveAndThePeerFeelsIt();

    [Fact]
    public Task AHealedPartitionDeliversEveryHeldByteInOrder() => FaithfulScenarios.AHealedPartitionDeliversEveryHeldByteInOrder();

    [Fact]
    public Task DelayedReadsHoldNoThread() => FaithfulScenarios.DelayedReadsHoldNoThread();
}
