using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>Per-test scopes under NativeAOT: the scenarios the JIT tests run (Socktest.Runtime.Scenarios). Kept apart
/// from the installed switch's tests, some of which count every socket in the process.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class ScopeTests
{
    [Test]
    public Task ASocketOpenedOutsideTheFlowIsNotTheScopes() => ScopeScenarios.ASocketOpenedOutsideTheFlowIsNotTheScopes();

    [Test]
    public Task InnermostScopeOwnsWhatItsFlowOpens() => ScopeScenarios.InnermostScopeOwnsWhatItsFlowOpens();

    [Test]
    public Task AcceptedConnectionsBelongToTheListenersScope() => ScopeScenarios.AcceptedConnectionsBelongToTheListenersScope();

    [Test]
    public Task TrackedListenerIsFilteredAndItsConnectionsCounted() => ScopeScenarios.TrackedListenerIsFilteredAndItsConnectionsCounted();

    [Test]
    public Task TrackRefusesWhatItCannotTake() => ScopeScenarios.TrackRefusesWhatItCannotTake();

    [Test]
    public Task DisposedScopeLeavesItsSocketsWorkingUntracked() => ScopeScenarios.DisposedScopeLeavesItsSocketsWorkingUntracked();

    /// <summary>The eight faults of the JIT's parallel proof at once, 10 rounds.</summary>
    [Test]
    public Task EightScopesAtOnceSeeOnlyTheirOwnSockets() => ScopeScenarios.EightScopesAtOnceSeeOnlyTheirOwnSockets(rounds: 10);
}
