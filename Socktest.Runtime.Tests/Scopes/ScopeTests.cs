using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.Scopes;

/// <summary>Per-test scopes under the JIT (the scenarios also run in the NativeAOT binary). In no collection: scopes
/// exist to run in parallel, with each other and with the rest of the suite.</summary>
public class ScopeTests
{
    [Fact]
    public Task ASocketOpenedOutsideTheFlowIsNotTheScopes() => ScopeScenarios.ASocketOpenedOutsideTheFlowIsNotTheScopes();

    [Fact]
    public Task InnermostScopeOwnsWhatItsFlowOpens() => ScopeScenarios.InnermostScopeOwnsWhatItsFlowOpens();

    [Fact]
    public Task AcceptedConnectionsBelongToTheListenersScope() => ScopeScenarios.AcceptedConnectionsBelongToTheListenersScope();

    [Fact]
    public Task TrackedListenerIsFilteredAndItsConnectionsCounted() => ScopeScenarios.TrackedListenerIsFilteredAndItsConnectionsCounted();

    [Fact]
    public Task TrackRefusesWhatItCannotTake() => ScopeScenarios.TrackRefusesWhatItCannotTake();

    [Fact]
    public Task DisposedScopeLeavesItsSocketsWorkingUntracked() => ScopeScenarios.DisposedScopeLeavesItsSocketsWorkingUntracked();

    /// <summary>The eight faults at once, 50 rounds: 400 scopes, every one's statistics exact.</summary>
    [Fact]
    public Task EightScopesAtOnceSeeOnlyTheirOwnSockets() => ScopeScenarios.EightScopesAtOnceSeeOnlyTheirOwnSockets(rounds: 50);
}
