using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Scopes;

/// <summary>What suites wrote by hand, on real loopback sockets through a scope of the process-wide switch: the n-th
/// socket (<see cref="SocketMatch.NthSocket"/>), statistics of one kind of socket, host answers in sequence, the
/// runtime's probe sockets outside every scope, and open sites that start at the user's frame.</summary>
public class KitHelperTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NthSocketRefusesTheFirstConnectionAndNotItsRetryOnTheSameNumber()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Connect, Faults.When(SocketMatch.NthSocket(1), Faults.Fail(Errno.ECONNREFUSED)));

        int firstFd;
        using (var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            firstFd = (int)first.Handle;
            var refused = await Assert.ThrowsAsync<SocketException>(() => first.ConnectAsync(IPAddress.Loopback, port, Cancel).AsTask());
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        // The kernel usually gives the retry the first one's number (another test's thread may take it first).
        using var retry = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bool reused = firstFd == (int)retry.Handle;
        await retry.ConnectAsync(IPAddress.Loopback, port, Cancel);      // and it is not the first socket
        var status = Assert.Single(scope.Sockets().Values);
        Assert.Equal(2, status.SocketOrdinal);
        Assert.Equal(reused ? 2 : 1, status.Generation);
    }

    [Fact]
    public async Task StatsOfOneKindPicksTheClientsLine()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var scope = ProcessSockets.BeginScope();
        using (var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(IPAddress.Loopback, port, Cancel);
        }

        var tcp = Assert.Single(scope.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal("(inet4, stream|0x80000, tcp): opened=1 connected=1 listened=0 accepted=0 closed=1 openfailed=0 connectfailed=1 listenfailed=0 acceptfailed=0 closefailed=0", tcp.ToString());
        Assert.Equal(2, scope.Stats().Count);
        Assert.Empty(scope.Stats(SocketMatch.Family(AF_INET6)));
    }

    [Fact]
    public async Task HostSequenceFailsTheFirstLookupThenAnswers()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.SetHostFilter(HostFilters.When(
            HostMatch.Name("flaky.example.test"),
            HostFilters.Sequence(HostFilters.Fail(HostError.TryAgain), HostFilters.Answer(IPAddress.Loopback))));

        var failed = await Assert.ThrowsAsync<SocketException>(() => Dns.GetHostAddressesAsync("flaky.example.test", Cancel));
        Assert.Equal(SocketError.TryAgain, failed.SocketErrorCode);
        Assert.Equal([IPAddress.Loopback], await Dns.GetHostAddressesAsync("flaky.example.test", Cancel));
        Assert.Equal([IPAddress.Loopback], await Dns.GetHostAddressesAsync("flaky.example.test", Cancel));
    }

    [Fact]
    public void HostSequenceRefusesNoFilters()
    {
        Assert.Throws<ArgumentException>(() => HostFilters.Sequence());
        Assert.Throws<ArgumentNullException>(() => HostFilters.Sequence(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketMatch.NthSocket(0));
    }

    /// <summary>The probes ran before the first switch wrote the hook: a scope that uses sockets and looks a name up
    /// counts its own sockets only, whichever test ran first.</summary>
    [Fact]
    public async Task TheRuntimesProbeSocketsAreInNoScope()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var scope = ProcessSockets.BeginScope();
        _ = await Dns.GetHostAddressesAsync("localhost", Cancel);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port, Cancel);
        }

        Assert.DoesNotContain(scope.Stats(), stat => SocketMatch.RuntimeProbes(new Status(stat.Cookie, Errno.None, Errno.None)));
        Assert.Single(scope.Stats());
    }

    /// <summary>HttpClient opens its connections on a pool thread, with no frame of the test's on the stack: the site
    /// starts at the runtime's frames below Socktest's and leaves the machinery out (it was 244 lines).</summary>
    [Fact]
    public async Task OpenSitesOfALeakThroughHttpClientLeaveOutSocktestAndTheAsyncMachinery()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var scope = ProcessSockets.BeginScope();
        using var sites = scope.RecordOpenSites();
        var handler = new SocketsHttpHandler();
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var request = http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Cancel);
        using (var accepted = await listener.AcceptSocketAsync(Cancel))
        {
            var error = await Assert.ThrowsAsync<SocketLeakException>(() => scope.AssertNoLeaksAsync(timeout: TimeSpan.Zero));
            var leaked = Assert.Single(error.Leaked, status => status.Cookie.Family == AF_INET6);
            string[] lines = SiteLines(error, leaked);

            // The runtime's own first frame: SocketPal.CreateSocket, the Socket constructor, or (when the JIT inlines
            // the constructor at a higher tier) the connection pool's method that called it.
            Assert.Matches(@"^at System\.Net\.(Sockets\.SocketPal\.CreateSocket|Sockets\.Socket\.\.ctor|Http\.HttpConnectionPool\.)", lines[0]);
            Assert.Contains(lines, line => line.Contains("System.Net.Http.HttpConnectionPool.", StringComparison.Ordinal));
            AssertNoMachinery(error);
            Assert.InRange(lines.Length, 1, 20);
            Assert.Contains("Where the leaked sockets were opened:\n" + leaked.Descriptor + ": (inet6, stream|0x80000, tcp)\n    " + lines[0], error.Message);
        }

        handler.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => request);
        http.Dispose();
        await scope.AssertNoLeaksAsync();
    }

    /// <summary>A socket the test's own async method opens after an await (on a pool thread, under the state machine's
    /// frames): the site starts at that method.</summary>
    [Fact]
    public async Task OpenSitesOfASocketOpenedAfterAnAwaitStartAtTheUsersMethod()
    {
        using var scope = ProcessSockets.BeginScope();
        using var sites = scope.RecordOpenSites();
        var socket = await OpenAfterAnAwait();
        try
        {
            var error = Assert.Throws<SocketLeakException>(() => scope.AssertNoLeaks());
            var leaked = Assert.Single(error.Leaked);
            string[] lines = SiteLines(error, leaked);

            Assert.StartsWith("at " + typeof(KitHelperTests).FullName + "." + nameof(OpenAfterAnAwait) + "()", lines[0]);
            AssertNoMachinery(error);
            Assert.InRange(lines.Length, 1, 5);
        }
        finally
        {
            socket.Dispose();
        }

        scope.AssertNoLeaks();
    }

    private static string[] SiteLines(SocketLeakException error, Status leaked)
    {
        string[] lines = error.OpenSites[leaked.Descriptor].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // The message holds the same lines, each indented under its socket.
        Assert.Equal(lines.Length, error.Message.Split('\n').Count(line => line.StartsWith("    at ", StringComparison.Ordinal)));
        return lines;
    }

    private static void AssertNoMachinery(SocketLeakException error)
    {
        Assert.DoesNotContain("Socktest.ProcessHooks.", error.Message);
        Assert.DoesNotContain("Socktest.Engine.", error.Message);
        Assert.DoesNotContain("System.Runtime.CompilerServices.", error.Message);
        Assert.DoesNotContain("System.Threading.", error.Message);
        Assert.DoesNotContain("Xunit.", error.Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<Socket> OpenAfterAnAwait()
    {
        await Task.Yield();
        return new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    }
}
