using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Scenarios;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary><see cref="Faults.ResetAfter"/> and <see cref="Faults.Slice"/> through the process-wide switch, between
/// HttpClient and a real Kestrel server on loopback: the ready-made faults do what the hand-written filters of
/// <see cref="KestrelTests"/> do.</summary>
[Collection(ProcessWideCollection.Name)]
public class KestrelFaultsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ResetAfterInTheMiddleOfTheBodyIsAConnectionResetInsideTheReadError()
    {
        const int Limit = 10_000;
        byte[] body = TcpSockets.Body(100_000);
        using var sockets = ProcessSockets.Install();
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
        {
            var reset = Faults.ResetAfter(Limit);
            using (sockets.Use(FilterType.Recv, Faults.When(KestrelTests.IsClient, reset)))
            using (var http = new HttpClient())
            {
                using var response = await http.GetAsync(server.Url, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
                var sink = new MemoryStream();

                var error = await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(sink, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

                var socketError = Assert.IsType<SocketException>(error.InnerException);
                Assert.Equal(SocketError.ConnectionReset, socketError.SocketErrorCode);
                Assert.InRange(sink.Length, 1, Limit - 1); // the headers took the rest of the 10,000 bytes
                Assert.Equal(body[..(int)sink.Length], sink.ToArray());
                Assert.StartsWith("Faults.ResetAfter(10000): ", Faults.Describe(reset));
                Assert.EndsWith(", on 1 socket", Faults.Describe(reset));
            }
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
    }

    [Fact]
    public async Task SliceOfOneByteOnEveryReadAndWriteGivesAByteIdenticalResponse()
    {
        byte[] body = TcpSockets.Body(20_000);
        using var sockets = ProcessSockets.Install();
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
        {
            var reads = Faults.Slice(1);
            using (sockets.Use(FilterType.Recv, reads))
            using (sockets.Use(FilterType.Send, Faults.Slice(1)))
            using (var http = new HttpClient())
            {
                byte[] received = await http.GetByteArrayAsync(server.Url, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

                Assert.Equal(body, received);
                Assert.Contains(" cut short", Faults.Describe(reads));
            }
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
    }
}
