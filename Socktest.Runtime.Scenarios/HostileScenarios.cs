using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>
/// The process-wide switch used as a hostile test suite would use it, bounded to seconds: switches installed and
/// disposed while other threads keep connecting, the GC running flat out, child processes starting, and filters that
/// throw or open sockets of their own. Every switch's books must balance and no descriptor may leak.
/// </summary>
public static class HostileScenarios
{
    public static async Task InstallAndDisposeUnderTrafficGarbageCollectionAndChildProcesses(int cycles, TimeSpan cycleLength)
    {
        var socketsBefore = Descriptors.OpenSockets();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        long connections = 0, children = 0;

        var acceptor = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var accepted = listener.Accept();
                }
                catch (SocketException) when (stop.IsCancellationRequested)
                {
                }
            }
        }, TaskCreationOptions.LongRunning);

        var dialers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    client.Connect(endpoint);
                    Interlocked.Increment(ref connections);
                }
                catch (SocketException error) when (error.SocketErrorCode is SocketError.ConnectionRefused or SocketError.SocketError)
                {
                    // Injected by the filters below (ECONNREFUSED, or EIO from a filter that threw): expected.
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset || stop.IsCancellationRequested)
                {
                    // The kernel's own answers, not the switch's: a handshake the closing listener cut short at the
                    // end, or one reset under load (seen twice in about twenty runs on a loaded 2-CPU machine). The
                    // scenario judges the switches' books, which count either way.
                }
                catch (Exception error)
                {
                    errors.Enqueue(error);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        var collector = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                Thread.Sleep(2);
            }
        }, TaskCreationOptions.LongRunning);

        var spawner = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var child = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;

                // Bounded: under qemu-user a child's exit can go unnoticed (SIGCHLD lost under load), and an unbounded
                // wait then kept this task, and the test, from ever ending.
                while (!child.WaitForExit(TimeSpan.FromMilliseconds(100)))
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                Interlocked.Increment(ref children);
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                using var sockets = ProcessSockets.Install();
                int connectCalls = 0;
                sockets.Set(FilterType.Connect, status => Interlocked.Increment(ref connectCalls) % 7 == 0 ? Errno.ECONNREFUSED : Errno.None);
                sockets.Set(FilterType.Socket, status =>
                {
                    // Re-entrant (opens a socket of its own) and, now and then, throwing.
                    using var own = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    return Environment.TickCount64 % 13 == 0 ? throw new InvalidOperationException("hostile filter") : Errno.None;
                });
                sockets.Set(FilterType.Close, status => Environment.TickCount64 % 11 == 0 ? Errno.EIO : Errno.None);
                await Task.Delay(cycleLength);
                sockets.Set(FilterType.Socket, null);
                sockets.Set(FilterType.Connect, null);
                sockets.Set(FilterType.Close, null);
                Check.That(sockets.FilterExceptions().All(e => e.Message == "hostile filter"), "only the hostile filter threw");
                Books.Balance(sockets, $"cycle {cycle}");
            }
        }
        finally
        {
            stop.Cancel();
            listener.Dispose();
            await Task.WhenAll(dialers.Append(acceptor).Append(collector).Append(spawner)).WaitAsync(TimeSpan.FromMinutes(1));
        }

        Check.That(errors.IsEmpty, "unexpected failures: " + string.Join("; ", errors.Take(3).Select(e => e.GetType().Name + ": " + e.Message)));
        Check.That(Interlocked.Read(ref connections) > cycles, $"traffic flowed ({connections} connections)");
        Check.That(Interlocked.Read(ref children) > 0, "child processes started");
        Check.NoSocketsLeft(Descriptors.OpenedSince(socketsBefore), "after the run");
    }
}
