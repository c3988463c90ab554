using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>ProcessSockets against .NET's own networking on loopback, under the JIT.</summary>
[Collection(ProcessWideCollection.Name)]
public class ProcessSocketsTests
{
    private static readonly int Inet4 = SocketConstants.AF_INET;

    [Fact]
    public void NewSocketIsTrackedUntilDisposed()
    {
        using var sockets = ProcessSockets.Install();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        int fd = (int)socket.Handle;

        var status = sockets.Sockets()[fd];
        Assert.Equal(Inet4, status.Cookie.Family);
        Assert.Equal(SocketConstants.SOCK_STREAM, status.Cookie.Type & 0xff);

        socket.Dispose();
        Assert.False(sockets.Sockets().ContainsKey(fd));
        var stat = StreamStats.Of(sockets, Inet4);
        Assert.Equal(1UL, stat.Opened);
        Assert.Equal(1UL, stat.Closed);
    }

    [Fact]
    public async Task ListenerAndClientAreCountedAndAcceptedSocketInheritsTheListenersCookie()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int listenerFd = (int)listener.Server.Handle;
        var listenerCookie = sockets.Sockets()[listenerFd].Cookie;

        using (var client = new TcpClient(AddressFamily.InterNetwork))
        {
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using var accepted = await listener.AcceptSocketAsync();
            Assert.Equal(listenerCookie, sockets.Sockets()[(int)accepted.Handle].Cookie);
        }

        listener.Stop();
        var stat = StreamStats.Of(sockets, Inet4);
        Assert.Equal(2UL, stat.Opened);
        Assert.Equal(1UL, stat.Listened);
        Assert.Equal(1UL, stat.Accepted);
        Assert.True(stat.Connected >= 1, stat.ToString());
        Assert.Equal(3UL, stat.Closed);
        Assert.Equal(0, StreamStats.OpenCount(sockets, Inet4));
    }

    [Fact]
    public void InjectedEmfileOnSocketIsTooManyOpenSockets()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => status.Cookie.Family == Inet4 ? Errno.EMFILE : Errno.None);

        var error = Assert.Throws<SocketException>(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        Assert.Equal(SocketError.TooManyOpenSockets, error.SocketErrorCode);
        Assert.Equal(0UL, StreamStats.Of(sockets, Inet4).Opened);
    }

    [Fact]
    public async Task InjectedConnectionRefusedFailsConnectAsync()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(listener.LocalEndpoint));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        listener.Stop();
    }

    [Fact]
    public async Task SoErrorTimedOutFailsAnAsyncConnectWithTimedOut()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        // The connect "is in progress" without reaching the kernel; the runtime then waits for writability and reads
        // SO_ERROR, where the injected ETIMEDOUT is handed over as the socket's pending error.
        sockets.Set(FilterType.Connect, status => Errno.EINPROGRESS);
        sockets.Set(FilterType.GetsockoptInt, status => Errno.ETIMEDOUT);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(listener.LocalEndpoint));
        Assert.Equal(SocketError.TimedOut, error.SocketErrorCode);
        listener.Stop();
    }

    [Fact]
    public async Task HttpClientFailsWithTheInjectedErrnoAndLeavesNoSocket()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        using (var http = new HttpClient())
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(server.Url));
            var socketError = Assert.IsType<SocketException>(error.InnerException);
            Assert.Equal(SocketError.ConnectionRefused, socketError.SocketErrorCode);
        }

        sockets.Set(FilterType.Connect, null);
        server.Dispose();
        var stat = StreamStats.OfInternet(sockets);
        Assert.True(stat.Opened >= 2, stat.ToString()); // the server's listener and at least one client attempt
        Assert.Equal(0UL, stat.ConnectFailed); // an injected error is counted nowhere
        Assert.Equal(0UL, stat.Connected);
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public async Task HttpClientSocketsAppearWhileInUseAndLeaveOnDispose()
    {
        using var sockets = ProcessSockets.Install();
        using var server = new OneShotHttpServer();
        using (var http = new HttpClient())
        {
            Assert.Equal("ok", await http.GetStringAsync(server.Url));
        }

        server.Dispose();
        var stat = StreamStats.OfInternet(sockets);
        Assert.Equal(2UL, stat.Opened); // the server's listener and the client's connection
        Assert.Equal(1UL, stat.Accepted);
        Assert.Equal(stat.Opened + stat.Accepted, stat.Closed);
        Assert.Equal(0, StreamStats.OpenInternetCount(sockets));
    }

    [Fact]
    public async Task AcceptAsyncLoopSurvivesInjectedConnectionAborted()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int aborts = 0;
        sockets.Set(FilterType.Accept, status => ++aborts <= 3 ? Errno.ECONNABORTED : Errno.None);

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
        Assert.Equal(Clients, served);
        Assert.Equal(3, retried);
        Assert.Equal((ulong)Clients, StreamStats.Of(sockets, Inet4).Accepted);
    }

    [Fact]
    public void AfterDisposeNothingIsIntercepted()
    {
        var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => Errno.EMFILE);
        sockets.Dispose();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Empty(sockets.Stats());
        Assert.Empty(sockets.Sockets());
    }

    [Fact]
    public void SecondInstallIsRefusedUntilTheFirstIsDisposed()
    {
        using (ProcessSockets.Install())
        {
            var error = Assert.Throws<InvalidOperationException>(() => ProcessSockets.Install());
            Assert.Contains("already installed", error.Message, StringComparison.Ordinal);
        }

        using var again = ProcessSockets.Install();
        Assert.True(ProcessSockets.IsSupported(out var reason), reason);
    }

    [Fact]
    public void ThrowingFilterFailsTheCallAndIsRecorded()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Socket, status => throw new InvalidOperationException("boom"));

        var error = Assert.Throws<SocketException>(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        Assert.Equal(SocketError.SocketError, error.SocketErrorCode); // EIO has no SocketError of its own
        Assert.Contains(sockets.FilterExceptions, e => e.Message == "boom");
    }
}
