using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Xunit.Tests;

/// <summary>Two test classes on <see cref="SocketScopeTest"/> that xunit runs in parallel (each class is its own
/// collection): each opens sockets on 127.0.0.1 in its test method, waits until the other has its sockets open too,
/// and sees in its scope its own sockets and none of the other's.</summary>
internal static class ParallelScopes
{
    /// <summary>Set when each class's test has its sockets open.</summary>
    public static readonly TaskCompletionSource TcpOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>As <see cref="TcpOpen"/>, for the HTTP class.</summary>
    public static readonly TaskCompletionSource HttpOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a test waits for the other: long enough for xunit to start it beside this one.</summary>
    public static readonly TimeSpan Rendezvous = TimeSpan.FromSeconds(30);

    /// <summary>The scope's sockets that are not the runtime's probes.</summary>
    public static List<Status> Own(SocketScope scope)
        => scope.Sockets().Values.Where(status => !SocketMatch.RuntimeProbes(status)).ToList();

    /// <summary>Whether <paramref name="status"/> is a socket of the listener on <paramref name="port"/> or of a
    /// connection to it.</summary>
    public static bool OnPort(Status status, int port)
        => SocketMatch.LocalPort(port)(status) || SocketMatch.RemotePort(port)(status);
}

/// <summary>One of the parallel pair: a <see cref="TcpListener"/> and a <see cref="TcpClient"/>.</summary>
public class TcpScopeTests : SocketScopeTest
{
    [Fact]
    public async Task SeesItsOwnSocketsAndNoneOfTheOthers()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel);
        using var accepted = await listener.AcceptSocketAsync(cancel);

        ParallelScopes.TcpOpen.TrySetResult();
        await ParallelScopes.HttpOpen.Task.WaitAsync(ParallelScopes.Rendezvous, cancel);

        // The listener, the client and the accepted socket, opened in the test method: the scope begun in the
        // constructor owns them. The HTTP test's sockets, open at this moment, are not here.
        var own = ParallelScopes.Own(Switch);
        Assert.Equal(3, own.Count);
        Assert.All(own, status => Assert.True(ParallelScopes.OnPort(status, port), $"{status.Descriptor}: {status} is not on port {port}."));
        Assert.Contains(own, status => status.Descriptor == (int)listener.Server.Handle);
        Assert.Contains(own, status => status.Descriptor == (int)client.Client.Handle);
        Assert.Contains(own, status => status.Descriptor == (int)accepted.Handle);
        Assert.Contains(" listen ", Trace.Format());
    }
}

/// <summary>The other of the parallel pair: an <see cref="HttpClient"/> against a one-response server.</summary>
public class HttpScopeTests : SocketScopeTest
{
    [Fact]
    public async Task SeesItsOwnSocketsAndNoneOfTheOthers()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var http = new HttpClient();
        var request = http.GetStringAsync($"http://127.0.0.1:{port}/", cancel);
        using var accepted = await listener.AcceptAsync(cancel);
        await ReadRequest(accepted, cancel);
        await accepted.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), cancel);
        Assert.Equal("ok", await request);

        ParallelScopes.HttpOpen.TrySetResult();
        await ParallelScopes.TcpOpen.Task.WaitAsync(ParallelScopes.Rendezvous, cancel);

        // The listener, the accepted socket and HttpClient's pooled connection: the TCP test's sockets, open at this
        // moment, are not here.
        var own = ParallelScopes.Own(Switch);
        Assert.Equal(3, own.Count);
        Assert.All(own, status => Assert.True(ParallelScopes.OnPort(status, port), $"{status.Descriptor}: {status} is not on port {port}."));
        Assert.Contains(own, status => status.Descriptor == (int)listener.Handle);
        Assert.Contains(own, status => status.Descriptor == (int)accepted.Handle);
    }

    private static async Task ReadRequest(Socket socket, CancellationToken cancel)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, cancel);
            if (read == 0)
            {
                throw new IOException("The client closed before its request ended.");
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}

/// <summary>The end of a <see cref="SocketScopeTest"/>, run by hand on an instance made inside a test (a test of the
/// suite cannot fail on purpose): a leak fails it with Go's report after the wait, a late close does not.</summary>
public class SocketScopeTestEndTests
{
    [Fact]
    public async Task ALeakFailsTheTestWithGosReport()
    {
        var test = new Leaking(new SocketTestOptions { IgnoreLeaks = SocketMatch.RuntimeProbes, LeakTimeout = TimeSpan.FromMilliseconds(200) });
        var socket = test.Open();
        try
        {
            // .NET opens its sockets with SOCK_CLOEXEC (0x80000), which the cookie keeps, as Go's does.
            var error = await Assert.ThrowsAsync<SocketLeakException>(() => test.DisposeAsync().AsTask());

            int fd = (int)socket.Handle;
            Assert.Equal(fd, Assert.Single(error.Leaked).Descriptor);
            Assert.StartsWith(
                "Inflight sockets:\n" + fd + ": (inet4, stream|0x80000, tcp): syscallerr=<nil> socketerr=<nil>\n"
                + "Socket statistical information:\n"
                + "(inet4, stream|0x80000, tcp): opened=1 connected=0 listened=0 accepted=0 closed=0 ",
                error.Message);
        }
        finally
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task ASocketClosedAfterTheTestOnAnotherThreadIsNoLeak()
    {
        var test = new Leaking(null);
        var socket = test.Open();
        var closer = Task.Run(async () =>
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            socket.Dispose();
        }, TestContext.Current.CancellationToken);

        await test.DisposeAsync();
        await closer;
    }

    /// <summary>A class on <see cref="SocketScopeTest"/> with no tests, made by hand: its constructor begins the scope
    /// on the flow of the test that makes it.</summary>
    private sealed class Leaking(SocketTestOptions? options) : SocketScopeTest(options)
    {
        public Socket Open() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    }
}
