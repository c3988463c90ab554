using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Tests.Reach;

// Four test classes, one server-side fault each, against the one Kestrel of the assembly fixture, in xunit's default
// parallelism with each other and the rest of the suite: each class is its own collection.
#pragma warning disable SA1402 // one file for the classes of the parallel proof

public class SharedServerSendResetTests(SharedServers servers)
{
    [Fact]
    public Task TheServerEndOfThisTestsConnectionIsThisScopes() => SharedServerRounds.RunAsync(servers, ServerFault.SendReset);
}

public class SharedServerRecvResetTests(SharedServers servers)
{
    [Fact]
    public Task TheServerEndOfThisTestsConnectionIsThisScopes() => SharedServerRounds.RunAsync(servers, ServerFault.RecvReset);
}

public class SharedServerSlicedSendTests(SharedServers servers)
{
    [Fact]
    public Task TheServerEndOfThisTestsConnectionIsThisScopes() => SharedServerRounds.RunAsync(servers, ServerFault.SendSliced);
}

public class SharedServerNoFaultTests(SharedServers servers)
{
    [Fact]
    public Task TheServerEndOfThisTestsConnectionIsThisScopes() => SharedServerRounds.RunAsync(servers, ServerFault.None);
}

public class SharedServerEightScopesTests(SharedServers servers)
{
    /// <summary>Eight scopes at once, two per fault, 50 rounds (400 scopes): each scope's server-side counts are exact,
    /// so no server end was counted, nor any fault felt, by a scope it does not belong to.</summary>
    [Fact]
    public async Task EightScopesAtOnceEachSeeTheirOwnServerSide()
    {
        var faults = new[] { ServerFault.None, ServerFault.SendReset, ServerFault.RecvReset, ServerFault.SendSliced };
        for (int round = 0; round < 50; round++)
        {
            await Task.WhenAll(faults.Concat(faults).Select(fault => Task.Run(() => SharedServerRounds.RunAsync(servers, fault))));
        }
    }
}
