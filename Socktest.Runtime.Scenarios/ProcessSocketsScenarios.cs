using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>
/// ProcessSockets against .NET's own networking on loopback. Each scenario installs the process-wide switch, runs,
/// checks its expectations and throws <see cref="ScenarioFailedException"/> on a miss, so the same code runs as xunit
/// tests under the JIT and as TUnit tests in the NativeAOT binary. Scenarios must not run in parallel.
/// </summary>
public static class ProcessSocketsScenarios
{
    private static readonly int Inet4 = SocketConstants.AF_INET;

    public static void NewSocketIsTrackedUntilDisposed()
    {
        using var sockets = ProcessSockets.Install();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        int fd = (int)socket.Handle;

        Check.That(sockets.Sockets().TryGetValue(fd, out var status), "the new socket is in Sockets()");
        Check.Equal(Inet4, status.Cookie.Family, "family");
        Check.Equal(SocketConstants.SOCK_STREAM, status.Cookie.Type & 0xff, "type");

        socket.Dispose();
        Check.That(!sockets.Sockets().ContainsKey(fd), "the disposed socket left Sockets()");
        var stat = StreamStats.Of(sockets, Inet4);
        Check.Equal(1UL, stat.Opened, "opened");
        Check.Equal(1UL, stat.Closed, "closed");
    }

    public static async Task ListenerAndClientAreCountedAndTheAcceptedSocketInheritsTheListenersCookie()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var listenerCookie = sockets.Sockets()[(int)listener.Server.Handle].Cookie;

        using (var client = new TcpClient(AddressFamily.InterNetwork))
        {
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using var accepted = await listener.AcceptSocketAsync();
            Check.Equal(listenerCookie, sockets.Sockets()[(int)accepted.Handle].Cookie, "accepted socket's cookie");
        }

        listener.Stop();
        var stat = StreamStats.Of(sockets, Inet4);
        Check.Equal(2UL, stat.Opened, "opened");
        Check.Equal(1UL, stat.Listened, "listened");
        Check.Equal(1UL, stat.Accepted, "accepted");
        Check.That(stat.Connected >= 1, "connected: " + stat);
        Check.Equal(3UL, stat.Closed, "closed");
        Check.Equal(0, StreamStats.OpenCount(sockets, Inet4), "open TCP sockets left");
    }

    public static void InjectedEmfileOnSocketIsTooManyOpenSockets()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => status.Cookie.Family == Inet4 ? Errno.EMFILE : Errno.None);

        var error = Check.Throws<SocketException>(
            () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), "new Socket");
        Check.Equal(SocketError.TooManyOpenSockets, error.SocketErrorCode, "socket error");
        Check.Equal(0UL, StreamStats.Of(sockets, Inet4).Opened, "opened");
    }

    public static async Task InjectedConnectionRefusedFailsConnectAsync()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Check.ThrowsAsync<SocketException>(() => client.ConnectAsync(listener.LocalEndpoint), "ConnectAsync");
        Check.Equal(SocketError.ConnectionRefused, error.SocketErrorCode, "socket error");
        listener.Stop();
    }

    public static async Task SoErrorTimedOutFailsAnAsyncConnectWithTimedOut()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        // The connect "is in progress" without reaching the kernel; the runtime then waits for writability and reads
        // SO_ERROR, where the injected ETIMEDOUT is handed over as the socket's pending error.
        sockets.Set(FilterType.Connect, status => Errno.EINPROGRESS);
        sockets.Set(FilterType.GetsockoptInt, status => Errno.ETIMEDOUT);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Check.ThrowsAsync<SocketException>(() => client.ConnectAsync(listener.LocalEndpoint), "ConnectAsync");
        Check.Equal(SocketError.TimedOut, error.SocketErrorCode, "socket error");
        listener.Stop();
    }

    public static async Task HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        using (var http = new HttpClient())
        {
            var error = await Check.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(server.Url), "GetStringAsync");
            Check.That(error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused },
                "inner exception is a refused SocketException: " + error.InnerException);
        }

        sockets.Set(FilterType.Connect, null);
        server.Dispose();
        var stat = StreamStats.OfInternet(sockets);
        Check.That(stat.Opened >= 2, "the server's listener and at least one client attempt were opened: " + stat);
        Check.Equal(0UL, stat.ConnectFailed, "connectfailed (an injected error is counted nowhere)");
        Check.Equal(0UL, stat.Connected, "connected");
        Check.Equal(0, StreamStats.OpenInternetCount(sockets), "open TCP sockets left");
    }

    public static async Task HttpClientSocketsAppearWhileInUseAndLeaveOnDispose()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        using (var http = new HttpClient())
        {
            Check.Equal("ok", await http.GetStringAsync(server.Url), "response");
        }

        server.Dispose();
        var stat = StreamStats.OfInternet(sockets);
        Check.Equal(2UL, stat.Opened, "opened (the server's listener and the client's connection)");
        Check.Equal(1UL, stat.Accepted, "accepted");
        Check.Equal(stat.Opened + stat.Accepted + stat.Adopted, stat.Closed, "closed, against opened + accepted + adopted");
        Check.Equal(0, StreamStats.OpenInternetCount(sockets), "open TCP sockets left");
    }

    public static async Task AcceptAsyncLoopSurvivesInjectedConnectionAborted()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int aborts = 0;
        sockets.Set(FilterType.Accept, status => Interlocked.Increment(ref aborts) <= 3 ? Errno.ECONNABORTED : Errno.None);

        const int Clients = 4;
        int served = 0, retried = 0;
        var serverLoop = Task.Run(async () =>
        {
            while (served < Clients)
            {
                try
                {
                    using var accepted = await listener.AcceptSocketAsync();
                    served++;
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionAborted)
                {
                    retried++;
                }
            }
        });

        for (int i = 0; i < Clients; i++)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        }

        await serverLoop.WaitAsync(TimeSpan.FromSeconds(20));
        listener.Stop();
        Check.Equal(Clients, served, "clients served");
        Check.Equal(3, retried, "aborted accepts retried");
        Check.Equal((ulong)Clients, StreamStats.Of(sockets, Inet4).Accepted, "accepted");
    }

    public static void AfterDisposeNothingIsIntercepted()
    {
        var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => Errno.EMFILE);
        sockets.Dispose();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Check.Equal(0, sockets.Stats().Count, "statistics after dispose");
        Check.Equal(0, sockets.Sockets().Count, "sockets after dispose");
    }

    public static void SecondInstallIsRefusedUntilTheFirstIsDisposed()
    {
        using (ProcessSockets.Install())
        {
            var error = Check.Throws<InvalidOperationException>(() => ProcessSockets.Install(), "second Install");
            Check.That(error.Message.Contains("already installed", StringComparison.Ordinal), error.Message);
        }

        using var again = ProcessSockets.Install();
        Check.That(ProcessSockets.IsSupported(out var reason), reason ?? "supported");
    }

    public static void ThrowingFilterFailsTheCallAndIsRecorded()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => throw new InvalidOperationException("boom"));

        var error = Check.Throws<SocketException>(
            () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), "new Socket");
        Check.Equal(SocketError.SocketError, error.SocketErrorCode, "socket error (EIO has no SocketError of its own)");
        Check.That(sockets.FilterExceptions().Any(e => e.Message == "boom"), "the filter's exception was recorded");
    }

    /// <summary>The hook books a call no filter sees itself, next to the C library call (the unfiltered path), and hands
    /// a filtered one to the generated switch. The same loopback exchange, every call kind of the hook included
    /// (socket, bind, listen, a refused and a successful connect, accept, SO_ERROR, send, recv, sendmsg, recvmsg,
    /// shutdown, close), must leave the same statistics either way, bytes and failures included.</summary>
    public static void UnfilteredAndFilteredCallsAreBookedAlike()
    {
        var unfiltered = BookedExchange(filtered: false);
        var filtered = BookedExchange(filtered: true);
        Check.Equal(Describe(filtered), Describe(unfiltered), "statistics of the unfiltered path (vs. pass-through filters)");
        Check.That(unfiltered.Any(s => s.Refused()), "the exchange had a refused connect: " + Describe(unfiltered));

        static string Describe(System.Collections.Generic.IReadOnlyList<Stat> stats)
            => string.Join(" | ", stats.Select(s => $"{s} bound={s.Bound} sent={s.BytesSent} received={s.BytesReceived} sendfailed={s.SendFailed} recvfailed={s.RecvFailed}"));
    }

    private static bool Refused(this Stat stat) => stat.ConnectFailed > 0;

    private static System.Collections.Generic.IReadOnlyList<Stat> BookedExchange(bool filtered)
    {
        using var sockets = ProcessSockets.Install();
        if (filtered)
        {
            foreach (var type in Enum.GetValues<FilterType>())
            {
                sockets.Set(type, status => Errno.None);
            }
        }

        // Blocking calls only, each made when the kernel can complete it at once, so both runs make the same calls.
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var endpoint = (IPEndPoint)listener.LocalEndPoint!;

            using (var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                Check.Throws<SocketException>(() => refused.Connect(new IPEndPoint(IPAddress.Loopback, ClosedPort())), "connect to a closed port");
            }

            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(endpoint);
            using var accepted = listener.Accept();
            Check.Equal(0, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!, "SO_ERROR");
            client.Send("hello"u8);
            var buffer = new byte[16];
            Check.Equal(5, accepted.Receive(buffer), "bytes received");
            client.Shutdown(SocketShutdown.Both);
        }

        using (var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        using (var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            sender.SendTo("datagram"u8, receiver.LocalEndPoint!);
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            Check.Equal(8, receiver.ReceiveFrom(new byte[16], ref from), "datagram bytes received");
        }

        return sockets.Stats();
    }

    /// <summary>A loopback port nothing listens on: one the kernel just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>8 threads x 200 loopback connections while the GC runs: the counts stay exact and nothing leaks.</summary>
    public static async Task ManyThreadsOfLoopbackConnectionsUnderGarbageCollectionKeepExactCounts()
    {
        const int Threads = 8;
        const int ConnectionsPerThread = 200;
        const int Total = Threads * ConnectionsPerThread;
        using var sockets = ProcessSockets.Install();
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var errors = new ConcurrentQueue<Exception>();

        var acceptor = Task.Run(() =>
        {
            for (int i = 0; i < Total; i++)
            {
                using var accepted = listener.Accept();
            }
        });

        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                Thread.Sleep(1);
            }
        });

        var dialers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < ConnectionsPerThread; i++)
            {
                try
                {
                    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    client.Connect(endpoint);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(dialers).WaitAsync(TimeSpan.FromMinutes(2));
        await acceptor.WaitAsync(TimeSpan.FromMinutes(1));
        stop.Cancel();
        await collector;
        listener.Dispose();

        Check.That(errors.IsEmpty, "no dial failed: " + string.Join("; ", errors.Take(3).Select(e => e.Message)));
        var stat = StreamStats.Of(sockets, Inet4);
        Check.Equal((ulong)Total + 1, stat.Opened, "opened");
        Check.Equal((ulong)Total, stat.Connected, "connected");
        Check.Equal((ulong)Total, stat.Accepted, "accepted");
        Check.Equal(1UL, stat.Listened, "listened");
        Check.Equal(stat.Opened + stat.Accepted + stat.Adopted, stat.Closed, "closed, against opened + accepted + adopted");
        Check.Equal(0UL, stat.OpenFailed + stat.ConnectFailed + stat.AcceptFailed + stat.CloseFailed, "failures");
        Check.Equal(0, StreamStats.OpenCount(sockets, Inet4), "open TCP sockets left");
    }
}
