using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.Scopes;

// Eight test classes, one fault each, in xunit's default parallelism: each is its own collection, so they run at
// once with each other and with the rest of the suite, each in its own scope with its own server and HttpClient.
#pragma warning disable SA1402 // one file for the eight classes of the parallel proof

public class RefusedConnectScopeTests
{
    [Fact]
    public Task RefusedConnectFailsTheRequest() => ScopeScenarios.RefusedConnectFailsTheRequest();
}

public class AbortedAcceptScopeTests
{
    [Fact]
    public Task AbortedAcceptIsRetriedByTheServer() => ScopeScenarios.AbortedAcceptIsRetriedByTheServer();
}

public class ResetMidResponseScopeTests
{
    [Fact]
    public Task ResetMidResponseIsAConnectionReset() => ScopeScenarios.ResetMidResponseIsAConnectionReset();
}

public class DelayedConnectScopeTests
{
    [Fact]
    public Task DelayedConnectStillSucceeds() => ScopeScenarios.DelayedConnectStillSucceeds();
}

public class OneByteReadsScopeTests
{
    [Fact]
    public Task OneByteReadsGiveTheSameBody() => ScopeScenarios.OneByteReadsGiveTheSameBody();
}

public class EmfileScopeTests
{
    [Fact]
    public Task InjectedEmfileFailsANewSocket() => ScopeScenarios.InjectedEmfileFailsANewSocket();
}

public class HostFilterScopeTests
{
    [Fact]
    public Task HostFilterOfTheScopeAnswersItsLookups() => ScopeScenarios.HostFilterOfTheScopeAnswersItsLookups();
}

public class ThrowingFilterScopeTests
{
    [Fact]
    public Task ThrowingFilterIsKeptOnItsOwnScope() => ScopeScenarios.ThrowingFilterIsKeptOnItsOwnScope();
}
