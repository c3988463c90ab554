using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>
/// What a test must never do to the process under test, whatever it asks of the process-wide switch: hang it, spin it
/// or kill it. Each scenario asks for something that used to do one of these (a month-long delay, an EINTR on every
/// call, an EAGAIN on a send, a delay nothing could end, records that grew without bound, a tracked socket that broke
/// the books) and checks that it is now honoured, bounded or refused with the reason. The test binaries run each in a
/// child process under a hard timeout, so a regression fails one test instead of hanging the run.
/// </summary>
public static class RunawayScenarios
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    // Generous: under qemu-user a first lookup or connect takes seconds to reach the hook (the JIT, emulated).
    private static readonly TimeSpan Reached = TimeSpan.FromSeconds(60);

    /// <summary>A connect filter that delays every call by <paramref name="delay"/> (as <see cref="Faults.Delay"/>) and
    /// releases <paramref name="reached"/> as each call reaches it, so a scenario ends its scope only once the call is
    /// inside the delay.</summary>
    private static Filter DelayAndSignal(TimeSpan delay, SemaphoreSlim reached)
    {
        var delayed = Faults.Delay(delay);
        return status =>
        {
            reached.Release();
            return delayed(status);
        };
    }

    /// <summary>A host name delayed for 30 days, <see cref="TimeSpan.MaxValue"/> or forever is accepted and ends when the
    /// scope does; a negative delay is refused with the parameter named.</summary>
    public static async Task LongHostDelaysAreHonouredAndEndWithTheScope()
    {
        foreach (var delay in new[] { TimeSpan.FromDays(30), TimeSpan.MaxValue, Timeout.InfiniteTimeSpan })
        {
            Task<IPAddress[]> lookup;
            var scope = ProcessSockets.BeginScope();
            using var decided = new SemaphoreSlim(0);
            try
            {
                var answer = HostAnswer.With(IPAddress.Loopback).WithDelay(delay);
                scope.SetHostFilter(_ =>
                {
                    decided.Release();
                    return answer;
                });
                lookup = Task.Run(() => Dns.GetHostAddressesAsync("slow.socktest.test"));
                Check.That(await decided.WaitAsync(Reached), "the lookup reached the scope's filter");
                await Task.Delay(200);
                Check.That(!lookup.IsCompleted, $"a lookup delayed {delay} is still waiting");
            }
            finally
            {
                scope.Dispose();
            }

            var clock = Stopwatch.StartNew();
            var addresses = await lookup.WaitAsync(Prompt);
            Check.Equal(IPAddress.Loopback, addresses.Single(), $"the delayed lookup ({delay}) is answered as decided once the scope ends");
            Check.That(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered {clock.ElapsedMilliseconds} ms after the scope ended");
            Check.Equal(0L, scope.FilterExceptionCount(), "nothing thrown in the hook");
        }

        var refused = Check.Throws<ArgumentOutOfRangeException>(() => HostAnswer.Delay(TimeSpan.FromMilliseconds(-2)), "a negative delay");
        Check.Equal("delay", refused.ParamName, "the parameter named");
        Check.Throws<ArgumentOutOfRangeException>(() => HostFilters.Delay(TimeSpan.MinValue), "TimeSpan.MinValue");
    }

    /// <summary><c>Faults.Fail(EINTR)</c> is refused where it is deployed; counted EINTRs work; a filter of the test's
    /// own that returns EINTR forever is cut off after a bound, and the switch says so.</summary>
    public static void UnboundedEintrIsRefusedAndBounded()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var scope = ProcessSockets.BeginScope();
        foreach (var type in new[] { FilterType.Connect, FilterType.Accept, FilterType.Send, FilterType.Recv })
        {
            var refused = Check.Throws<ArgumentException>(() => scope.Set(type, Faults.Fail(Errno.EINTR)), $"Faults.Fail(EINTR) on {type}");
            Check.Equal("filter", refused.ParamName, "the parameter named");
            Check.That(refused.Message.Contains("retries a call that fails with EINTR", StringComparison.Ordinal)
                && refused.Message.Contains("Faults.First(n, Errno.EINTR)", StringComparison.Ordinal), "why, and what to use instead: " + refused.Message);
            Check.Throws<ArgumentException>(() => scope.Set(type, Faults.When(_ => true, Faults.Fail(Errno.EINTR))), $"When(..., Fail(EINTR)) on {type}");
            Check.Throws<ArgumentException>(() => scope.Set(type, Faults.Random(1, 1.0, Errno.EINTR)), $"Random(probability 1, EINTR) on {type}");
        }

        Check.Equal(0, scope.Stats().Count, "nothing was deployed, nothing ran");
        scope.Set(FilterType.Connect, Faults.First(3, Errno.EINTR));
        using (var counted = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            counted.Connect(listener.LocalEndPoint!);
            Check.That(counted.Connected, "a connect interrupted three times connects");
        }

        long calls = 0;
        scope.Set(FilterType.Connect, _ =>
        {
            Interlocked.Increment(ref calls);
            return Errno.EINTR;
        });
        using (var looping = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            looping.Connect(listener.LocalEndPoint!);
            Check.That(looping.Connected, "a connect interrupted forever is let through");
        }

        scope.Set(FilterType.Connect, null);
        Check.Equal(101L, Interlocked.Read(ref calls), "the filter ran 100 times in a row, and once more to be cut off");
        Check.Equal(1L, scope.UnhonouredFaultCount(), "one verdict not honoured");
        Check.That(scope.UnhonouredFaults().Single().Contains("EINTR 100 times in a row", StringComparison.Ordinal), scope.UnhonouredFaults().Single());
        Books.Balance(scope, "after the interrupted connects");
    }

    /// <summary>A ready-made EAGAIN on Send, Recv or Accept, unbounded or counted, is refused where it is deployed, with
    /// why and what to use instead; on Connect it is deployed, and so is an unbounded EINTR on Close and Bind, which the
    /// runtime does not retry.</summary>
    public static void EagainOnDataCallsIsRefused()
    {
        using var scope = ProcessSockets.BeginScope();
        foreach (var type in new[] { FilterType.Send, FilterType.Recv, FilterType.Accept })
        {
            foreach (var (name, filter) in new[]
            {
                ("Fail(EAGAIN)", Faults.Fail(Errno.EAGAIN)),
                ("First(1, EAGAIN)", Faults.First(1, Errno.EAGAIN)),
                ("Nth(2, EAGAIN)", Faults.Nth(2, Errno.EAGAIN)),
                ("Sequence(None, EAGAIN)", Faults.Sequence(Errno.None, Errno.EAGAIN)),
                ("Random(EAGAIN)", Faults.Random(7, 0.5, Errno.EAGAIN)),
            })
            {
                var refused = Check.Throws<ArgumentException>(() => scope.Set(type, filter), $"{name} on {type}");
                Check.That(refused.Message.Contains("epoll edge", StringComparison.Ordinal)
                    && refused.Message.Contains("Faults.Delay", StringComparison.Ordinal), "why, and what to use instead: " + refused.Message);
            }

            using (scope.Use(type, Faults.First(2, Errno.ECONNRESET)))
            {
            }
        }

        scope.Set(FilterType.Connect, Faults.First(1, Errno.EAGAIN));
        scope.Set(FilterType.Connect, null);
        scope.Set(FilterType.Close, Faults.Fail(Errno.EINTR));
        scope.Set(FilterType.Close, null);
        scope.Set(FilterType.Bind, Faults.Fail(Errno.EINTR));
        scope.Set(FilterType.Bind, null);
    }

    /// <summary>A blocking connect delayed for ten minutes returns when its scope is disposed; the time it takes is
    /// the scenario's result.</summary>
    public static async Task<TimeSpan> DelayedCallEndsWhenItsScopeEnds()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var scope = ProcessSockets.BeginScope();
        Task connect;
        using var reached = new SemaphoreSlim(0);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            scope.Set(FilterType.Connect, DelayAndSignal(TimeSpan.FromMinutes(10), reached));
            connect = Task.Factory.StartNew(() => client.Connect(listener.LocalEndPoint!), TaskCreationOptions.LongRunning);
            Check.That(await reached.WaitAsync(Reached), "the connect reached the delay");
            await Task.Delay(200);
            Check.That(!connect.IsCompleted, "the connect is delayed");
        }
        finally
        {
            scope.Dispose();
        }

        var clock = Stopwatch.StartNew();
        await connect.WaitAsync(Prompt);
        var took = clock.Elapsed;
        Check.That(client.Connected, "the connect proceeded once the delay ended");
        Check.That(took < TimeSpan.FromSeconds(5), $"returned {took.TotalMilliseconds:F0} ms after the scope ended");
        return took;
    }

    /// <summary>A blocking connect delayed ten minutes, and the socket disposed from another thread: the runtime
    /// unblocks the call before closing (<c>shutdown</c>), the delay ends, and both return with the scope still alive;
    /// the time they took is the scenario's result.</summary>
    public static async Task<TimeSpan> DisposingADelayedSocketEndsItsDelay()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var scope = ProcessSockets.BeginScope();
        using var reached = new SemaphoreSlim(0);
        scope.Set(FilterType.Connect, DelayAndSignal(TimeSpan.FromMinutes(10), reached));
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connect = Task.Factory.StartNew(() => client.Connect(listener.LocalEndPoint!), TaskCreationOptions.LongRunning);
        Check.That(await reached.WaitAsync(Reached), "the connect reached the delay");

        var clock = Stopwatch.StartNew();
        var dispose = Task.Factory.StartNew(client.Dispose, TaskCreationOptions.LongRunning);
        await dispose.WaitAsync(Prompt);
        // The connect goes on once unblocked: on a socket shut down unconnected it may even succeed; it returns either way.
        await Task.WhenAny(connect).WaitAsync(Prompt);
        var took = clock.Elapsed;
        Check.That(took < TimeSpan.FromSeconds(5), $"Dispose and the connect returned {took.TotalMilliseconds:F0} ms after Dispose began");
        return took;
    }

    /// <summary><paramref name="lookups"/> lookups through one scope keep the most recent 1,024 records, count every
    /// one, and leave the managed heap where it was; the growth in bytes is the scenario's result.</summary>
    public static long LookupRecordsStayBounded(int lookups)
    {
        using var scope = ProcessSockets.BeginScope();
        scope.SetHostFilter(HostFilters.Map("many.socktest.test", IPAddress.Loopback));
        for (int i = 0; i < 2048; i++)
        {
            Dns.GetHostAddresses("many.socktest.test");
        }

        long before = HeapAfterCollecting();
        for (int i = 2048; i < lookups; i++)
        {
            Dns.GetHostAddresses("many.socktest.test");
        }

        long growth = HeapAfterCollecting() - before;
        Check.Equal((long)lookups, scope.HostLookupCount(), "every lookup counted");
        Check.Equal(1024, scope.HostLookups().Count, "the most recent 1,024 kept");
        Check.That(growth < 1024 * 1024, $"the heap grew {growth} bytes over {lookups} lookups");
        return growth;
    }

    /// <summary><paramref name="closes"/> closes under a throwing Close filter: each is a filter exception and an
    /// unhonoured verdict; both lists keep the most recent 1,024 and both counts are exact, and the heap stays where it
    /// was. The growth in bytes is the scenario's result.</summary>
    public static long FaultRecordsStayBounded(int closes)
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Close, _ => throw new InvalidOperationException("hostile close filter"));
        long before = 0;
        for (int i = 0; i < closes; i++)
        {
            if (i == 2048)
            {
                before = HeapAfterCollecting();
            }

            try
            {
                new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp).Dispose();
            }
            catch (SocketException)
            {
                // The runtime reports nothing for a failed close; tolerated should a version start to.
            }
        }

        long growth = HeapAfterCollecting() - before;
        scope.Set(FilterType.Close, null);
        Check.Equal((long)closes, scope.FilterExceptionCount(), "every filter exception counted");
        Check.Equal((long)closes, scope.UnhonouredFaultCount(), "every unhonoured close counted");
        Check.Equal((1024, 1024), (scope.FilterExceptions().Count, scope.UnhonouredFaults().Count), "the most recent 1,024 of each kept");
        Check.That(growth < 1024 * 1024, $"the heap grew {growth} bytes over {closes} closes");
        Books.Balance(scope, "after the throwing closes");
        return growth;
    }

    /// <summary>A host filter that waits for a lookup of another name, made from inside it on another thread, gets
    /// it answered by the same scope's filter.</summary>
    public static async Task HostFilterThatWaitsOnAnotherLookupIsAnswered(int rounds)
    {
        using var scope = ProcessSockets.BeginScope();
        scope.SetHostFilter(lookup => lookup.HostName switch
        {
            "outer.socktest.test" => HostAnswer.With(Dns.GetHostAddressesAsync("inner.socktest.test").GetAwaiter().GetResult()),
            "inner.socktest.test" => HostAnswer.With(IPAddress.Loopback),
            _ => default,
        });
        for (int round = 0; round < rounds; round++)
        {
            var addresses = await Dns.GetHostAddressesAsync("outer.socktest.test").WaitAsync(Prompt);
            Check.Equal(IPAddress.Loopback, addresses.Single(), $"round {round}");
        }
    }

    private static long HeapAfterCollecting()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
