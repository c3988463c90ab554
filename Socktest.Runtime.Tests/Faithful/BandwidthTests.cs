using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary><see cref="Faults.Bandwidth"/>: a transfer takes as long as its size at the rate, and arrives whole.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class BandwidthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATransferTakesItsSizeAtTheRateAndArrivesWhole()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var scope = ProcessSockets.BeginScope();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, Cancel);
        using var server = await listener.AcceptAsync(Cancel);
        const int Size = 100_000;
        const int Rate = 200_000;
        var payload = new byte[Size];
        Random.Shared.NextBytes(payload);
        scope.Set(FilterType.Recv, Faults.Bandwidth(Rate));

        var clock = Stopwatch.StartNew();
        var sending = server.SendAsync(payload.AsMemory(), SocketFlags.None, Cancel).AsTask();
        var received = new byte[Size];
        int total = 0;
        while (total < Size)
        {
            total += await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None, Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        }

        var elapsed = clock.Elapsed;
        await sending;
        scope.Set(FilterType.Recv, null);

        Assert.Equal(payload, received);
        Assert.InRange(elapsed.TotalSeconds, 0.45, Socktest.Scenarios.Timing.Limit(TimeSpan.FromSeconds(2)).TotalSeconds); // 100,000 bytes at 200,000 bytes a second: 0.5 s
    }
}
