using System.Threading.Tasks;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>HttpClient's data path against a server of the runtime's own sockets (JIT); the NativeAOT binary runs the
/// same scenarios. The Kestrel versions are in <see cref="KestrelTests"/>.</summary>
[Collection(ProcessWideCollection.Name)]
public class DataPathScenarioTests
{
    [Fact]
    public Task ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError()
        => DataPathScenarios.ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(OneShotHttpServer.Start, resetAfter: 10_000, bodyLength: 100_000);

    [Fact]
    public Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse() => DataPathScenarios.EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(OneShotHttpServer.Start, bodyLength: 20_000);

    [Fact]
    public Task ARecvDelayedPastTheTimeoutIsATimeout() => DataPathScenarios.ARecvDelayedPastTheTimeoutIsATimeout(OneShotHttpServer.Start);
}
