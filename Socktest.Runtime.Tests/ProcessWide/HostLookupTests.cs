using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Host-name lookups through the process-wide switch (JIT); the NativeAOT binary runs the same scenarios.</summary>
[Collection(ProcessWideCollection.Name)]
public class HostLookupTests
{
    [Fact]
    public Task DnsLookupIsAnsweredByTheOverride() => HostLookupScenarios.DnsLookupIsAnsweredByTheOverride();

    [Fact]
    public Task HttpClientToANameThatDoesNotExistReachesTheTestsServer() => HostLookupScenarios.HttpClientToANameThatDoesNotExistReachesTheTestsServer();

    [Theory]
    [InlineData(HostError.HostNotFound, SocketError.HostNotFound, HttpRequestError.NameResolutionError)]
    [InlineData(HostError.TryAgain, SocketError.TryAgain, HttpRequestError.NameResolutionError)]
    [InlineData(HostError.NoRecovery, SocketError.NoRecovery, HttpRequestError.ConnectionError)]
    public Task FailedLookupIsTheExceptionUsersSeeInProduction(HostError error, SocketError expected, HttpRequestError httpError)
        => HostLookupScenarios.FailedLookupIsTheExceptionUsersSeeInProduction(error, expected, httpError);

    [Fact]
    public Task ThrowingHostFilterFailsTheLookupWithNoRecoveryAndIsRecorded() => HostLookupScenarios.ThrowingHostFilterFailsTheLookupWithNoRecoveryAndIsRecorded();

    [Fact]
    public Task DelayedLookupOutlastsTheClientsTimeout() => HostLookupScenarios.DelayedLookupOutlastsTheClientsTimeout();

    [Fact]
    public Task RealLookupsAreRecordedAndIpLiteralsAreNeverLookedUp() => HostLookupScenarios.RealLookupsAreRecordedAndIpLiteralsAreNeverLookedUp();

    [Fact]
    public void BadInputIsRefusedWithTheParameterNamed() => HostLookupScenarios.BadInputIsRefusedWithTheParameterNamed();
}
