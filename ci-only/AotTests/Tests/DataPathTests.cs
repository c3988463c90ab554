using System.Threading.Tasks;
using Socktest.Scenarios;
using TUnit.Core;

namespace AotTests.Tests;

/// <summary>HttpClient's data path through the process-wide switch under NativeAOT: the scenarios the JIT tests run
/// (Socktest.Runtime.Scenarios). Never in parallel with the other process-wide tests.</summary>
[NotInParallel(nameof(ProcessSocketsTests))]
public class DataPathTests
{
    [Test]
    public Task ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError()
        => DataPathScenarios.ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(OneShotHttpServer.Start, resetAfter: 10_000, bodyLength: 100_000);

    [Test]
    public Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse() => DataPathScenarios.EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(OneShotHttpServer.Start, bodyLength: 20_000);

    [Test]
    public Task ARecvDelayedPastTheTimeoutIsATimeout() => DataPathScenarios.ARecvDelayedPastTheTimeoutIsATimeout(OneShotHttpServer.Start);
}
