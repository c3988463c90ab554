using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>
/// What the process-wide switch promises the process under test, whatever a filter does: a Close filter's verdict
/// never leaks a descriptor, a filter cannot recurse, a forgotten switch does not poison later ones, and a file's close
/// is never taken for a socket's.
/// </summary>
public static class ReliabilityScenarios
{
    private static readonly int Inet4 = SocketConstants.AF_INET;

    public static void InjectedCloseErrorsReleaseEveryDescriptor(int count)
    {
        var before = Descriptors.OpenSockets();
        using var sockets = ProcessSockets.Install();
        long filterCalls = 0;
        sockets.Set(FilterType.Close, status =>
        {
            Interlocked.Increment(ref filterCalls);
            return Errno.EIO;
        });

        for (int i = 0; i < count; i++)
        {
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }

        sockets.Set(FilterType.Close, null);
        Check.NoSocketsLeft(Descriptors.OpenedSince(before), "after the injected close errors");
        var stat = StreamStats.Of(sockets, Inet4);
        Check.Equal((ulong)count, stat.Closed, "closed (the kernel closed each one)");
        Check.Equal(0UL, stat.CloseFailed, "closefailed");
        Check.Equal(count, sockets.UnhonouredFaults().Count, "unhonoured faults reported");
        Check.That(sockets.UnhonouredFaults().First().Contains("closed anyway", StringComparison.Ordinal), sockets.UnhonouredFaults().First());
        Books.CloseFilterCallsMatch(sockets, Interlocked.Read(ref filterCalls), "after the loop");
        Books.Balance(sockets, "after the loop");
    }

    public static void ThrowingCloseFilterReleasesDescriptorsAlsoOnTheFinalizerThread(int count)
    {
        var before = Descriptors.OpenSockets();
        using var sockets = ProcessSockets.Install();
        long filterCalls = 0;
        sockets.Set(FilterType.Close, status =>
        {
            Interlocked.Increment(ref filterCalls);
            throw new InvalidOperationException("close filter failed");
        });

        for (int i = 0; i < count / 2; i++)
        {
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }

        AbandonSockets(count - (count / 2));
        var opened = Descriptors.OpenedSince(before);

        sockets.Set(FilterType.Close, null);
        Check.NoSocketsLeft(opened, "after the throwing close filter, finalizers included");
        Check.Equal((ulong)count, StreamStats.Of(sockets, Inet4).Closed, "closed");
        Check.Equal(count, sockets.FilterExceptions().Count(e => e.Message == "close filter failed"), "filter exceptions recorded");
        Books.CloseFilterCallsMatch(sockets, Interlocked.Read(ref filterCalls), "after the finalizers");
        Books.Balance(sockets, "after the finalizers");
    }

    public static void SocketFilterThatOpensASocketDoesNotRecurse()
    {
        using var sockets = ProcessSockets.Install();
        int filterCalls = 0;
        sockets.Set(FilterType.Socket, status =>
        {
            Interlocked.Increment(ref filterCalls);
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            return Errno.None;
        });

        using (new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
        }

        sockets.Set(FilterType.Socket, null);
        Check.Equal(1, filterCalls, "Socket filter calls (the socket it opened ran no filter)");
        var udp = sockets.Stats().Single(s => s.Family == Inet4 && (s.Type & 0xff) == SocketConstants.SOCK_DGRAM);
        Check.Equal((1UL, 1UL), (udp.Opened, udp.Closed), "the filter's own socket was counted");
        Books.Balance(sockets, "after the re-entrant filter");
    }

    public static void CloseFilterThatClosesSocketsDoesNotRecurse()
    {
        using var sockets = ProcessSockets.Install();
        var others = new ConcurrentQueue<Socket>(Enumerable.Range(0, 3).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)));
        long filterCalls = 0;
        sockets.Set(FilterType.Close, status =>
        {
            Interlocked.Increment(ref filterCalls);
            while (others.TryDequeue(out var other))
            {
                other.Dispose();
            }

            return Errno.None;
        });

        new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();

        sockets.Set(FilterType.Close, null);
        Check.Equal(1L, filterCalls, "Close filter calls (the closes it made ran no filter)");
        Check.Equal(4UL, StreamStats.Of(sockets, Inet4).Closed, "closed");
        Books.Balance(sockets, "after the re-entrant close filter");
    }

    public static void ForgottenSwitchIsReclaimedAndReported()
    {
        InstallAndForget();

        using var next = ProcessSockets.Install();
        using (new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            // The forgotten switch failed every socket with EMFILE; its hook is gone.
        }

        Check.That(next.Warnings.Count == 1, "one warning: " + string.Join(" | ", next.Warnings));
        Check.That(next.Warnings[0].Contains("collected without being disposed", StringComparison.Ordinal), next.Warnings[0]);
        Check.That(next.Warnings[0].Contains(nameof(InstallAndForget), StringComparison.Ordinal), "the warning names where it was installed: " + next.Warnings[0]);
        Check.Equal(1UL, StreamStats.Of(next, Inet4).Opened, "the new switch counts");
    }

    /// <summary>HTTP traffic (a connection per request) while two threads open, read and close files: the Close
    /// filter never runs for a file, even when a file gets the number of a socket whose close is in flight.</summary>
    public static async Task FileClosesAreNeverTakenForSockets(int iterations, int requestsPerIteration)
    {
        string directory = Path.Combine(Path.GetTempPath(), "socktest-files-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, "data.bin");
        File.WriteAllBytes(file, new byte[4096]);
        var socketsBefore = Descriptors.OpenSockets();
        try
        {
            for (int iteration = 0; iteration < iterations; iteration++)
            {
                using var sockets = ProcessSockets.Install();
                using var server = new OneShotHttpServer();
                long filterCalls = 0;
                sockets.Set(FilterType.Close, status =>
                {
                    Interlocked.Increment(ref filterCalls);
                    return Errno.None;
                });

                using var stop = new CancellationTokenSource();
                var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
                {
                    long reads = 0;
                    var buffer = new byte[4096];
                    while (!stop.IsCancellationRequested)
                    {
                        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
                        Check.Equal(buffer.Length, stream.Read(buffer), "file read");
                        reads++;
                    }

                    return reads;
                }, TaskCreationOptions.LongRunning)).ToArray();

                using (var http = new HttpClient())
                {
                    for (int i = 0; i < requestsPerIteration; i++)
                    {
                        Check.Equal("ok", await http.GetStringAsync(server.Url), "response");
                    }
                }

                stop.Cancel();
                long[] reads = await Task.WhenAll(readers);
                server.Dispose();
                sockets.Set(FilterType.Close, null);
                Check.That(reads.All(r => r > 0), "both file readers ran");
                Books.CloseFilterCallsMatch(sockets, Interlocked.Read(ref filterCalls), $"iteration {iteration}");
                Books.Balance(sockets, $"iteration {iteration}");
                Check.Equal(0, Descriptors.FilesUnder(directory), $"iteration {iteration}: files left open");
            }

            Check.NoSocketsLeft(Descriptors.OpenedSince(socketsBefore), "after all iterations");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InstallAndForget()
    {
        var forgotten = ProcessSockets.Install();
        forgotten.Set(FilterType.Socket, status => Errno.EMFILE);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AbandonSockets(int count)
    {
        var abandoned = new List<Socket>();
        for (int i = 0; i < count; i++)
        {
            abandoned.Add(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        }
    }
}
