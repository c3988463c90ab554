using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>
/// Per-test scopes of the process-wide switch against .NET's own networking on loopback. Unlike the installed switch's
/// scenarios, these may run in parallel with each other: each scope sees only its own sockets, and every scenario
/// checks its scope's exact statistics, so a socket of another scope counted here fails it.
/// </summary>
public static class ScopeScenarios
{
    private static readonly int Inet6 = SocketConstants.AF_INET6;

    /// <summary>The faults of the parallel proof, one per scope.</summary>
    public static IReadOnlyList<Func<Task>> EightFaults { get; } =
    [
        RefusedConnectFailsTheRequest,
        AbortedAcceptIsRetriedByTheServer,
        ResetMidResponseIsAConnectionReset,
        DelayedConnectStillSucceeds,
        OneByteReadsGiveTheSameBody,
        InjectedEmfileFailsANewSocket,
        HostFilterOfTheScopeAnswersItsLookups,
        ThrowingFilterIsKeptOnItsOwnScope,
    ];

    public static async Task RefusedConnectFailsTheRequest()
    {
        using var scope = ProcessSockets.BeginScope();
        using (var server = new OneShotHttpServer())
        using (var client = new HttpClient())
        {
            scope.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
            var error = await Check.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(server.Url), "a refused connect");
            Check.Equal(SocketError.ConnectionRefused, (error.InnerException as SocketException)?.SocketErrorCode, "inner SocketError");
        }

        await TcpSockets.AssertNoneLeftAsync(scope);
        var stat = StreamStats.OfInternet(scope);
        Check.Equal((2UL, 1UL, 0UL, 0UL, 0UL, 2UL), (stat.Opened, stat.Listened, stat.Connected, stat.ConnectFailed, stat.Accepted, stat.Closed),
            "(opened, listened, connected, connect failed, accepted, closed): the listener and one refused client; the injected error counted nowhere");
    }

    public static async Task AbortedAcceptIsRetriedByTheServer()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Accept, Faults.First(1, Errno.ECONNABORTED));
        int aborted = 0;
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();

            // The client connects (the kernel queues the connection) before the server accepts, so the accept after
            // the injected abort finds it at once: accepting first, a slow client (under qemu, say) made that accept
            // a real EAGAIN, counted as a failed accept.
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            var serving = Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var connection = await listener.AcceptAsync();
                        await connection.SendAsync("hello"u8.ToArray());
                        return;
                    }
                    catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionAborted)
                    {
                        aborted++;
                    }
                }
            });
            var buffer = new byte[5];
            int read = 0;
            while (read < buffer.Length && await client.ReceiveAsync(buffer.AsMemory(read)) is var n and > 0)
            {
                read += n;
            }

            await serving;
            Check.Equal("hello", System.Text.Encoding.ASCII.GetString(buffer, 0, read), "what the server sent after the aborted accept");
        }

        Check.Equal(1, aborted, "accepts the server saw aborted");
        await TcpSockets.AssertNoneLeftAsync(scope);
        var stat = StreamStats.Of(scope, SocketConstants.AF_INET);
        Check.Equal((2UL, 1UL, 1UL, 1UL, 0UL, 3UL), (stat.Opened, stat.Listened, stat.Connected, stat.Accepted, stat.AcceptFailed, stat.Closed),
            "(opened, listened, connected, accepted, accept failed, closed)");
    }

    public static async Task ResetMidResponseIsAConnectionReset()
    {
        using var scope = ProcessSockets.BeginScope();
        var body = TcpSockets.Body(50_000);
        using (var server = new OneShotHttpServer(body))
        using (var client = new HttpClient())
        {
            // The client's sockets are dual-mode IPv6, the server's IPv4: reset only the client's reads.
            scope.Set(FilterType.Recv, Faults.When(status => status.Cookie.Family == Inet6, Faults.ResetAfter(1_000)));
            var error = await Check.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(server.Url), "a reset mid-response");
            var reset = error.InnerException?.InnerException as SocketException ?? error.InnerException as SocketException;
            Check.Equal(SocketError.ConnectionReset, reset?.SocketErrorCode, "SocketError inside: " + error);
        }

        await TcpSockets.AssertNoneLeftAsync(scope);
        var client6 = StreamStats.Of(scope, Inet6);
        Check.Equal((1UL, 1UL, 1_000UL, 1UL), (client6.Opened, client6.Connected, client6.BytesReceived, client6.Closed),
            "client (opened, connected, bytes received, closed): exactly the bytes let through");
    }

    public static async Task DelayedConnectStillSucceeds()
    {
        using var scope = ProcessSockets.BeginScope();
        using (var server = new OneShotHttpServer())
        using (var client = new HttpClient())
        {
            scope.Set(FilterType.Connect, Faults.Delay(TimeSpan.FromMilliseconds(100)));
            var started = DateTime.UtcNow;
            Check.Equal("ok", await client.GetStringAsync(server.Url), "body");
            Check.That(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(90), "the connect was delayed");
        }

        var stat = StreamStats.OfInternet(scope);
        Check.Equal((2UL, 1UL, 1UL, 1UL), (stat.Opened, stat.Listened, stat.Connected, stat.Accepted), "(opened, listened, connected, accepted)");
        await TcpSockets.AssertNoneLeftAsync(scope);
    }

    public static async Task OneByteReadsGiveTheSameBody()
    {
        using var scope = ProcessSockets.BeginScope();
        var body = TcpSockets.Body(5_000);
        using (var server = new OneShotHttpServer(body))
        using (var client = new HttpClient())
        {
            scope.Set(FilterType.Recv, Faults.Slice(1));
            Check.That((await client.GetByteArrayAsync(server.Url)).AsSpan().SequenceEqual(body), "the body arrives byte-identical, one byte per read");
        }

        Check.That(StreamStats.Of(scope, Inet6).BytesReceived > (ulong)body.Length, "the client read the head and the body");
        StreamStats.CheckEachByteReceivedOnce(scope);
        await TcpSockets.AssertNoneLeftAsync(scope);
    }

    public static async Task InjectedEmfileFailsANewSocket()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Socket, Faults.Fail(Errno.EMFILE));
        var error = Check.Throws<SocketException>(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose(), "a new socket");
        Check.Equal(SocketError.TooManyOpenSockets, error.SocketErrorCode, "SocketError");
        scope.Set(FilterType.Socket, null);
        await Task.Yield();
        using (new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
        }

        await TcpSockets.AssertNoneLeftAsync(scope);
        var stat = StreamStats.Of(scope, SocketConstants.AF_INET);
        Check.Equal((1UL, 0UL, 1UL), (stat.Opened, stat.OpenFailed, stat.Closed), "(opened, open failed, closed): the injected failure counted nowhere");
    }

    public static async Task HostFilterOfTheScopeAnswersItsLookups()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.SetHostFilter(HostFilters.Map("scoped.example.test", IPAddress.Loopback));
        using (var server = new OneShotHttpServer())
        using (var client = new HttpClient())
        {
            string url = server.Url.Replace("127.0.0.1", "scoped.example.test", StringComparison.Ordinal);
            Check.Equal("ok", await client.GetStringAsync(url), "body through the scope's own name");
        }

        Check.That(scope.HostLookups().Any(lookup => lookup.HostName == "scoped.example.test" && lookup.Injected), "the lookup is the scope's");
        await TcpSockets.AssertNoneLeftAsync(scope);
    }

    public static async Task ThrowingFilterIsKeptOnItsOwnScope()
    {
        using var scope = ProcessSockets.BeginScope();
        var thrown = new InvalidOperationException("a filter's bug");
        scope.Set(FilterType.Listen, _ => throw thrown);
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var error = Check.Throws<SocketException>(() => listener.Listen(), "listen with a throwing filter");
            Check.Equal(SocketError.SocketError, error.SocketErrorCode, "EIO as .NET reports it");
        }

        await Task.Yield();
        Check.Equal(1, scope.FilterExceptions().Count, "filter exceptions kept on this scope");
        Check.That(scope.FilterExceptions().Single() == thrown, "the very exception");
        await TcpSockets.AssertNoneLeftAsync(scope);
    }

    /// <summary>Runs the eight faults at once, each in its own scope, <paramref name="rounds"/> times: every scope's
    /// exact statistics hold, so no socket was counted by a scope it does not belong to.</summary>
    public static async Task EightScopesAtOnceSeeOnlyTheirOwnSockets(int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            await Task.WhenAll(EightFaults.Select(fault => Task.Run(fault)));
        }
    }

    public static async Task ASocketOpenedOutsideTheFlowIsNotTheScopes()
    {
        using var scope = ProcessSockets.BeginScope();
        Task<Socket> opening;
        using (ExecutionContext.SuppressFlow())
        {
            opening = Task.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        }

        var outside = await opening;

        using var inside = await Task.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var sockets = scope.Sockets();
        Check.That(sockets.ContainsKey((int)inside.Handle), "a socket opened in Task.Run from the scope's flow is the scope's");
        Check.That(!sockets.ContainsKey((int)outside.Handle), "a socket opened with the flow suppressed is not");
        outside.Dispose();
        Check.Equal(0UL, StreamStats.Of(scope, SocketConstants.AF_INET).Closed, "the other socket's close is not counted here");
    }

    public static async Task InnermostScopeOwnsWhatItsFlowOpens()
    {
        using var outer = ProcessSockets.BeginScope();
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (var inner = ProcessSockets.BeginScope())
        {
            using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Check.That(inner.Sockets().ContainsKey((int)second.Handle) && !outer.Sockets().ContainsKey((int)second.Handle), "the inner scope owns what it opens");
        }

        await Task.Yield();
        using var third = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Check.That(outer.Sockets().ContainsKey((int)third.Handle), "after the inner scope, the outer one owns new sockets again");
        Check.Equal(2UL, StreamStats.Of(outer, SocketConstants.AF_INET).Opened, "the outer scope opened the first and the third");
    }

    public static async Task AcceptedConnectionsBelongToTheListenersScope()
    {
        using var server = ProcessSockets.BeginScope();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var endpoint = listener.LocalEndPoint!;
        using var clientScope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endpoint);
        using var accepted = await listener.AcceptAsync();
        Check.That(server.Sockets().ContainsKey((int)accepted.Handle), "the accepted socket is the listener's scope's");
        Check.That(!clientScope.Sockets().ContainsKey((int)accepted.Handle), "not the accepting flow's");
        Check.That(clientScope.Sockets().ContainsKey((int)client.Handle), "the client is the inner scope's");
        Check.Equal(1UL, StreamStats.Of(server, SocketConstants.AF_INET).Accepted, "accepted, counted by the listener's scope");
    }

    public static async Task TrackedListenerIsFilteredAndItsConnectionsCounted()
    {
        // A server started before the test: its listener was opened outside any scope.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var scope = ProcessSockets.BeginScope();
        scope.Track(listener);
        scope.Track(listener);
        Check.That(scope.Sockets().ContainsKey((int)listener.Handle), "the tracked listener is in the scope's table");
        var adopted = scope.Stats().Single();
        Check.Equal((1UL, 0UL, 0UL), (adopted.Adopted, adopted.Opened, adopted.Accepted), "tracking counts the listener adopted, once (adopted, opened, accepted)");
        Check.Equal(adopted.Adopted + adopted.Opened + adopted.Accepted + adopted.Connected + adopted.Closed, 1UL, "and nothing else");

        scope.Set(FilterType.Accept, Faults.First(1, Errno.ECONNABORTED));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        var aborted = await Check.ThrowsAsync<SocketException>(async () => (await listener.AcceptAsync()).Dispose(), "the first accept");
        Check.Equal(SocketError.ConnectionAborted, aborted.SocketErrorCode, "SocketError");
        using (await listener.AcceptAsync())
        {
        }

        var listenerStat = scope.Stats().Single(s => s.Family == SocketConstants.AF_INET && s.Accepted > 0);
        Check.Equal((1UL, 1UL, 0UL), (listenerStat.Accepted, listenerStat.Closed, listenerStat.Opened), "(accepted, closed, opened) under the listener's cookie");
    }

    public static async Task TrackRefusesWhatItCannotTake()
    {
        using var owner = ProcessSockets.BeginScope();
        using var owned = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var other = ProcessSockets.BeginScope();
        var taken = Check.Throws<InvalidOperationException>(() => other.Track(owned), "tracking another scope's socket");
        Check.That(taken.Message.Contains(owner.BegunAt, StringComparison.Ordinal), "the message names where the owner was begun: " + taken.Message);

        var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Dispose();
        Check.Throws<ObjectDisposedException>(() => other.Track(closed), "tracking a disposed socket");
        Check.Throws<ArgumentNullException>(() => other.Track(null!), "tracking null");

        other.Dispose();
        await Task.Yield();
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Check.Throws<ObjectDisposedException>(() => other.Track(late), "tracking on a disposed scope");
    }

    public static async Task DisposedScopeLeavesItsSocketsWorkingUntracked()
    {
        var scope = ProcessSockets.BeginScope();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var accepted = await listener.AcceptAsync();
        scope.Set(FilterType.Send, Faults.Fail(Errno.EPIPE));
        var before = StreamStats.Of(scope, SocketConstants.AF_INET);
        scope.Dispose();

        await client.SendAsync("still here"u8.ToArray());
        var buffer = new byte[10];
        int read = 0;
        while (read < buffer.Length)
        {
            read += await accepted.ReceiveAsync(buffer.AsMemory(read));
        }

        Check.Equal("still here", System.Text.Encoding.ASCII.GetString(buffer), "data after the scope's disposal, with its Send filter gone");
        Check.Equal(before, StreamStats.Of(scope, SocketConstants.AF_INET), "nothing counted after disposal");
    }
}
