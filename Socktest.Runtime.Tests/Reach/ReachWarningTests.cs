using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Tests.Reach;

/// <summary>Where reach fails, the scope says so: a socket of one scope used from another's flow, a scope that is not
/// active where the test runs, and a lookup that no scope's host filter saw.</summary>
public class ReachWarningTests
{
    [Fact]
    public async Task ASocketUsedFromAnotherScopesFlowIsReportedInItsOwnersWarningsNamingBoth()
    {
        using var owner = ProcessSockets.BeginScope();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var pooled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await pooled.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);

        // Another test's flow, in a scope of its own, borrows the connection (a pool shared across tests).
        Task<string> borrowing;
        using (ExecutionContext.SuppressFlow())
        {
            borrowing = Task.Run(async () =>
            {
                using var borrower = ProcessSockets.BeginScope();
                await pooled.SendAsync(new byte[] { 1 });
                await pooled.SendAsync(new byte[] { 2 });
                return borrower.BegunAt;
            });
        }

        string borrowerBegunAt = await borrowing;
        var warning = Assert.Single(owner.Warnings);
        Assert.Contains($"Socket {(int)pooled.Handle} of this scope was used from the flow of another live scope", warning, StringComparison.Ordinal);
        Assert.Contains(owner.BegunAt, warning, StringComparison.Ordinal);
        Assert.Contains(borrowerBegunAt, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentTellsWhetherAScopeIsActiveOnThisFlow()
    {
        Assert.Null(SocketScope.Current);
        var begunInAnAsyncMethod = await BeginScopeAsync();
        try
        {
            // What a scope begun in IAsyncLifetime.InitializeAsync leaves the test: nothing active.
            Assert.Null(SocketScope.Current);
        }
        finally
        {
            begunInAnAsyncMethod.Dispose();
        }

        using var scope = ProcessSockets.BeginScope();
        Assert.Same(scope, SocketScope.Current);
        Assert.Same(scope, await Task.Run(() => SocketScope.Current));
        scope.Dispose();
        Assert.Null(SocketScope.Current);
    }

    [Fact]
    public async Task AFailedLookupThatNoScopeSawIsReportedByAScopeWithAHostFilter()
    {
        const string name = "fixture-only.reach.invalid";
        using var scope = ProcessSockets.BeginScope();
        scope.SetHostFilter(HostFilters.Map(name, IPAddress.Loopback));
        Task<IPAddress[]> lookup;
        using (ExecutionContext.SuppressFlow())
        {
            lookup = Task.Run(() => Dns.GetHostAddressesAsync(name));
        }

        await Assert.ThrowsAsync<SocketException>(() => lookup);
        Assert.Contains(scope.Warnings, warning => warning.Contains($"A lookup of \"{name}\" failed", StringComparison.Ordinal)
            && warning.Contains("InitializeAsync", StringComparison.Ordinal) && warning.Contains(scope.BegunAt, StringComparison.Ordinal));
        Assert.Empty(scope.HostLookups());
    }

    private static async Task<SocketScope> BeginScopeAsync()
    {
        await Task.Yield();
        return ProcessSockets.BeginScope();
    }
}
