using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.ProcessHooks;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Scopes beside the installed switch, and the hook's lifetime: in the process-wide collection, which runs
/// alone, so that no other test's scope holds the hook meanwhile.</summary>
[Collection(ProcessWideCollection.Name)]
public class ScopeCoexistenceTests
{
    [Fact]
    public async Task ASocketBelongsToItsScopeElseToTheInstalledSwitch()
    {
        using var installed = ProcessSockets.Install();
        using var scope = ProcessSockets.BeginScope();
        using var scoped = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Task<Socket> opening;
        using (ExecutionContext.SuppressFlow())
        {
            opening = Task.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        }

        using var unscoped = await opening;
        Assert.True(scope.Sockets().ContainsKey((int)scoped.Handle));
        Assert.False(installed.Sockets().ContainsKey((int)scoped.Handle));
        Assert.True(installed.Sockets().ContainsKey((int)unscoped.Handle));
        Assert.False(scope.Sockets().ContainsKey((int)unscoped.Handle));

        var taken = Assert.Throws<System.InvalidOperationException>(() => scope.Track(unscoped));
        Assert.Contains("process-wide switch", taken.Message);
    }

    [Fact]
    public void TheHookStaysWhileAnySwitchLivesAndGoesWithTheLast()
    {
        Assert.Equal(0, ProcessHook.Holders);
        var installed = ProcessSockets.Install();
        var first = ProcessSockets.BeginScope();
        var second = ProcessSockets.BeginScope();
        Assert.Equal(3, ProcessHook.Holders);

        installed.Dispose();
        first.Dispose();
        second.Set(FilterType.Socket, Faults.Fail(Errno.EMFILE));
        var error = Assert.Throws<SocketException>(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        Assert.Equal(SocketError.TooManyOpenSockets, error.SocketErrorCode);
        Assert.Equal(1, ProcessHook.Holders);

        second.Dispose();
        Assert.Equal(0, ProcessHook.Holders);
        new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
    }

    [Fact]
    public void AForgottenScopeLetsGoOfTheHookWhenCollected()
    {
        BeginAndForget();
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();
        Assert.Equal(0, ProcessHook.Holders);
        using var next = ProcessSockets.BeginScope();
        Assert.Contains(next.Warnings, warning => warning.Contains("scope was collected without being disposed", System.StringComparison.Ordinal));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void BeginAndForget()
    {
        // Begun in a flow of its own, so that the test's flow does not carry the forgotten scope afterwards.
        Task.Run(() => ProcessSockets.BeginScope()).ContinueWith(_ => { }).Wait();
    }
}
