using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>Host-name lookups through the process-wide switch under NativeAOT: the scenarios the JIT tests run
/// (Socktest.Runtime.Scenarios). Never in parallel with the other process-wide tests.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class HostLookupTests
{
    [Test]
    public Task DnsLookupIsAnsweredByTheOverride() => HostLookupScenarios.DnsLookupIsAnsweredByTheOverride();

    [Test]
    public Task HttpClientToANameThatDoesNotExistReachesTheTestsServer() => HostLookupScenarios.HttpClientToANameThatDoesNotExistReachesTheTestsServer();

    [Test]
    [Arguments(HostError.HostNotFound, SocketError.HostNotFound, HttpRequestError.NameResolutionError)]
    [Arguments(HostError.TryAgain, SocketError.TryAgain, HttpRequestError.NameResolutionError)]
    [Arguments(HostError.NoRecovery, SocketError.NoRecovery, HttpRequestError.ConnectionError)]
    public Task FailedLookupIsTheExceptionUsersSeeInProduction(HostError error, SocketError expected, HttpRequestError httpError)
        => HostLookupScenarios.FailedLookupIsTheExceptionUsersSeeInProduction(error, expected, httpError);

    [Test]
    public Task ThrowingHostFilterFailsTheLookupWithNoRecoveryAndIsRecorded() => HostLookupScenarios.ThrowingHostFilterFailsTheLookupWithNoRecoveryAndIsRecorded();

    [Test]
    public Task DelayedLookupOutlastsTheClientsTimeout() => HostLookupScenarios.DelayedLookupOutlastsTheClientsTimeout();

    [Test]
    public Task RealLookupsAreRecordedAndIpLiteralsAreNeverLookedUp() => HostLookupScenarios.RealLookupsAreRecordedAndIpLiteralsAreNeverLookedUp();

    [Test]
    public void BadInputIsRefusedWithTheParameterNamed() => HostLookupScenarios.BadInputIsRefusedWithTheParameterNamed();
}
