using System;
using System.IO;
using Microsoft.AspNetCore.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>HttpClient against a real Kestrel server on loopback, with faults on the data path of the process-wide
/// switch: the data-path scenarios (a reset in the middle of a body, reads cut to one byte, a read delayed past the
/// client's timeout) with Kestrel as their server, and a bind refused. Each ends with no TCP socket left open.</summary>
[Collection(ProcessWideCollection.Name)]
public class KestrelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient dials from dual-mode IPv6 sockets; Kestrel listens on 127.0.0.1, so its sockets are IPv4.</summary>
    internal static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    [Fact]
    public Task AResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError()
        => DataPathScenarios.ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(KestrelServer.Start, resetAfter: 10_000, bodyLength: 100_000);

    [Fact]
    public async Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse()
    {
        var stat = await DataPathScenarios.EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(KestrelServer.Start, bodyLength: 20_000);

        Assert.True(stat.RecvFailed > 0, "the runtime's non-blocking reads met EAGAIN, and each counts as RecvFailed");
    }

    [Fact]
    public Task ARecvDelayedPastTheTimeoutIsATimeout() => DataPathScenarios.ARecvDelayedPastTheTimeoutIsATimeout(KestrelServer.Start);

    [Fact]
    public async Task AnAddressInUseOnKestrelsBindIsItsStartupIOException()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Bind, _ => Errno.EADDRINUSE);
        var app = KestrelServer.Build(context => Task.CompletedTask);

        var error = await Assert.ThrowsAsync<IOException>(() => app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

        Assert.IsType<Microsoft.AspNetCore.Connections.AddressInUseException>(error.InnerException);
        await app.DisposeAsync();
        sockets.Set(FilterType.Bind, null);

        // Kestrel does not dispose the socket whose bind failed: it stays open (the switch shows it) until its
        // SafeHandle is finalized. Collect, so that a socket still open afterwards is a leak of ours.
        Assert.InRange(StreamStats.OpenCount(sockets, SocketConstants.AF_INET), 0, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(0UL, StreamStats.Of(sockets, SocketConstants.AF_INET).BindFailed); // injected: counted nowhere
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }
}
