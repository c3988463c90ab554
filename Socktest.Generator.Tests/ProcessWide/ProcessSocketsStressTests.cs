using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Many threads dialing through the hook while the GC runs: the counts stay exact and nothing leaks.</summary>
[Collection(ProcessWideCollection.Name)]
public class ProcessSocketsStressTests
{
    private const int Threads = 8;
    private const int ConnectionsPerThread = 200;

    [Fact]
    public async Task EightThreadsOfLoopbackConnectionsUnderGarbageCollectionKeepExactCounts()
    {
        using var sockets = ProcessSockets.Install();
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        const int Total = Threads * ConnectionsPerThread;
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

        Assert.Empty(errors);
        var stat = StreamStats.Of(sockets, SocketConstants.AF_INET);
        Assert.Equal((ulong)Total + 1, stat.Opened);
        Assert.Equal((ulong)Total, stat.Connected);
        Assert.Equal((ulong)Total, stat.Accepted);
        Assert.Equal(1UL, stat.Listened);
        Assert.Equal(stat.Opened + stat.Accepted, stat.Closed);
        Assert.Equal(0UL, stat.OpenFailed + stat.ConnectFailed + stat.AcceptFailed + stat.CloseFailed);
        Assert.Equal(0, StreamStats.OpenCount(sockets, SocketConstants.AF_INET));
    }
}
