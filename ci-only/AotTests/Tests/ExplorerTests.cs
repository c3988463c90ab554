using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>The fault-space explorer under NativeAOT: the scenario the JIT tests run (Socktest.Runtime.Scenarios). Its
/// scopes run beside other scoped tests; kept apart from the installed switch's tests, some of which count every
/// socket in the process.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ExplorerTests
{
    [Test]
    public Task ALeakOnARefusedConnectIsFoundAndReplayed() => ExplorerScenarios.ALeakOnARefusedConnectIsFoundAndReplayed();
}
