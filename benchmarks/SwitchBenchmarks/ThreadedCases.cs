using System;
using System.Diagnostics;
using System.Threading;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>socket+close on two threads at once, raw (a) and through one shared switch (c). The kernel hands the
/// lowest free number out, so the two threads keep getting each other's just-closed descriptors: the descriptor
/// reuse race, a million times over.</summary>
internal sealed class ThreadedCases : IDisposable
{
    /// <summary>Worker threads.</summary>
    public const int Threads = 2;

    private const int Stop = -1;
    private const int Raw = 0;
    private const int Switched = 1;

    // One family per thread: a close counted against the other thread's cookie would show.
    private static readonly int[] Families = [AF_INET, AF_INET6];
    private static readonly int Type = SOCK_STREAM;

    private readonly IBenchCalls _switch = new BenchCallsSwitch();
    private readonly Barrier _barrier = new(Threads + 1);
    private readonly Thread[] _workers = new Thread[Threads];
    private volatile int _mode;
    private volatile int _pairsPerThread;
    private volatile Exception? _error;
    private long _workerBytes;

    public ThreadedCases()
    {
        for (int i = 0; i < Threads; i++)
        {
            int family = Families[i];
            _workers[i] = new Thread(() => Work(family)) { IsBackground = true, Name = $"bench worker {i}" };
            _workers[i].Start();
        }
    }

    /// <summary>The shared switch, for the books check.</summary>
    public ISocketSwitch Switch => (ISocketSwitch)_switch;

    /// <summary>The cookie each thread's sockets have.</summary>
    public static Cookie[] Cookies => [Cookie.Of(Families[0], Type, 0), Cookie.Of(Families[1], Type, 0)];

    /// <summary>Pairs made through the switch so far, on all threads.</summary>
    public long SwitchedPairs { get; private set; }

    /// <summary>The group.</summary>
    public Case[] Pairs() =>
    [
        new("(a) raw P/Invoke, 2 threads", n => Run(Raw, n)),
        new("(c) switch, no filter, 2 threads", n => Run(Switched, n)),
    ];

    /// <inheritdoc/>
    public void Dispose()
    {
        _mode = Stop;
        _barrier.SignalAndWait();
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        _barrier.Dispose();
    }

    private Sample Run(int mode, int pairs)
    {
        int perThread = pairs / Threads;
        _mode = mode;
        _pairsPerThread = perThread;
        Interlocked.Exchange(ref _workerBytes, 0);
        long start = Stopwatch.GetTimestamp();
        _barrier.SignalAndWait();
        _barrier.SignalAndWait();
        long ticks = Stopwatch.GetTimestamp() - start;
        long bytes = Interlocked.Read(ref _workerBytes);
        if (_error is { } error)
        {
            throw new InvalidOperationException("A worker failed.", error);
        }

        if (mode == Switched)
        {
            SwitchedPairs += (long)perThread * Threads;
        }

        return new Sample(ticks, bytes, (long)perThread * Threads);
    }

    private void Work(int family)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            int mode = _mode;
            if (mode == Stop)
            {
                return;
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                if (mode == Raw)
                {
                    RawPairs(family, _pairsPerThread);
                }
                else
                {
                    SwitchPairs(_switch, family, _pairsPerThread);
                }
            }
            catch (Exception e)
            {
                _error = e;
            }

            // What the workers allocated while they worked: the per-thread counters, summed.
            Interlocked.Add(ref _workerBytes, GC.GetAllocatedBytesForCurrentThread() - bytes);

            _barrier.SignalAndWait();
        }
    }

    private static void RawPairs(int family, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(Libc.Socket(family, Type, 0), "socket");
            Libc.Close(fd);
        }
    }

    private static void SwitchPairs(IBenchCalls calls, int family, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(family, Type, 0), "socket");
            calls.Close(fd);
        }
    }
}
