using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.Explorer;

/// <summary>The explorer scenario the NativeAOT binary runs too (<see cref="ExplorerScenarios"/>).</summary>
public sealed class ExplorerScenarioTests
{
    [Fact]
    public Task ALeakOnARefusedConnectIsFoundAndReplayed() => ExplorerScenarios.ALeakOnARefusedConnectIsFoundAndReplayed();
}
