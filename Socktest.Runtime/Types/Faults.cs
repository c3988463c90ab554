using System;
using Socktest.Kit;

namespace Socktest;

/// <summary>
/// Ready-made filters for <see cref="ISocketSwitch.Set"/> and <see cref="SocketSwitchExtensions.Use"/>: fail every
/// call, the n-th, the first few, a planned sequence, a reproducible random share, slow calls down, refuse or blackhole a
/// connect and reset a connection as the network does (in the kernel), reset one after some bytes, cut reads and writes short, or apply any of them only to the calls a predicate picks (<see cref="SocketMatch"/> has predicates by family, type, protocol and port).
/// </summary>
/// <remarks>
/// Each filter is safe for concurrent use and counts only the calls that reach it, with
/// <see cref="System.Threading.Interlocked"/>: a call on a socket the switch does not track, a call made from inside a
/// filter, a call a <see cref="When"/> predicate turns away or a call of another <see cref="FilterType"/> is not one of
/// its calls. Under concurrency "the n-th call" is the n-th to reach the filter, whichever thread makes it; exactly the
/// planned number of calls fail. A filter instance keeps its count for life: deploy a new one to start again.
/// An injected errno is returned to the caller and counted nowhere, as every filter's error is.
/// <see cref="Describe"/> tells what a filter is and what it did so far.
/// </remarks>
public static class Faults
{
    /// <summary>Fails every call with <paramref name="error"/>.</summary>
    /// <param name="error">A non-zero errno.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="error"/> is <see cref="Errno.None"/>.</exception>
    public static Filter Fail(Errno error) => new FailFault(Required(error, nameof(error))).Filter;

    /// <summary>Fails only the <paramref name="n"/>-th call that reaches the filter (1-based) with
    /// <paramref name="error"/>; every other call proceeds.</summary>
    /// <param name="n">Which call fails: 1 is the first.</param>
    /// <param name="error">A non-zero errno.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="error"/> is <see cref="Errno.None"/>.</exception>
    public static Filter Nth(int n, Errno error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new NthFault(n, Required(error, nameof(error))).Filter;
    }

    /// <summary>Fails the first <paramref name="count"/> calls that reach the filter with <paramref name="error"/>;
    /// the rest proceed.</summary>
    /// <param name="count">How many calls fail; 0 fails none.</param>
    /// <param name="error">A non-zero errno.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="error"/> is <see cref="Errno.None"/>.</exception>
    public static Filter First(int count, Errno error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new FirstFault(count, Required(error, nameof(error))).Filter;
    }

    /// <summary>Answers the calls that reach the filter one errno each, in order: the first call gets
    /// <c>errors[0]</c>, the second <c>errors[1]</c>, and so on; <see cref="Errno.None"/> lets that call through.
    /// Once the sequence has run out, every further call proceeds.</summary>
    /// <param name="errors">One errno per call; the array is copied.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public static Filter Sequence(params Errno[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new SequenceFault((Errno[])errors.Clone()).Filter;
    }

    /// <summary>Fails each call that reaches the filter with <paramref name="error"/> with probability
    /// <paramref name="probability"/>, reproducibly: whether the k-th call fails depends on
    /// <paramref name="seed"/> and k alone, so the same seed fails the same call numbers in every run, whatever the
    /// threads' interleaving (which socket makes the k-th call is up to the program).</summary>
    /// <param name="seed">The seed. <see cref="Describe"/> reports it, with the call numbers that failed, so a failing
    /// test can print it and be rerun with the same faults.</param>
    /// <param name="probability">From 0 (never) to 1 (always).</param>
    /// <param name="error">A non-zero errno.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="error"/> is <see cref="Errno.None"/>.</exception>
    public static Filter Random(int seed, double probability, Errno error)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is from 0 to 1.");
        }

        return new RandomFault(seed, probability, Required(error, nameof(error))).Filter;
    }

    /// <summary>Blocks each call that reaches the filter for <paramref name="delay"/> before it proceeds: a slow
    /// connect, a slow accept. The calling thread waits, as it would in a slow kernel call.</summary>
    /// <param name="delay">How long; zero lets calls through at once. Any length is honoured (waited out in pieces
    /// the OS accepts); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> holds the call until the switch ends.
    /// Under the process-wide switch a delay ends early, and the call proceeds, when its scope (or installed switch) is
    /// disposed.</param>
    /// <param name="timeProvider">The clock to wait on: <see langword="null"/> or <see cref="TimeProvider.System"/>
    /// blocks the thread; any other provider (such as <c>FakeTimeProvider</c>) is waited on through a timer it creates
    /// (<see cref="TimeProvider.CreateTimer"/>), so the call proceeds when that provider's time has advanced by
    /// <paramref name="delay"/> since the call reached the filter.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative and not
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</exception>
    public static Filter Delay(TimeSpan delay, TimeProvider? timeProvider = null)
        => new DelayFault(Waits.Checked(delay, nameof(delay)), timeProvider ?? TimeProvider.System).Filter;

    /// <summary>Runs <paramref name="filter"/> for the calls <paramref name="predicate"/> picks; the others proceed
    /// and never reach <paramref name="filter"/> (so a counting filter counts only the picked calls).</summary>
    /// <param name="predicate">Picks the calls, such as <see cref="SocketMatch.Family"/>.</param>
    /// <param name="filter">The filter for the picked calls.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="filter"/> is
    /// <see langword="null"/>.</exception>
    public static Filter When(Func<Status, bool> predicate, Filter filter)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(filter);
        return new WhenFault(predicate, filter).Filter;
    }

    /// <summary>For <see cref="FilterType.Connect"/>: the connect is refused as by a loopback port nothing listens on,
    /// by the kernel itself: the socket is connected to such a port instead of the caller's destination, so a
    /// non-blocking connect gets <c>EINPROGRESS</c> and then <c>ECONNREFUSED</c> through <c>SO_ERROR</c> and the
    /// socket's readiness, and a blocking one gets <c>ECONNREFUSED</c>, in the time the kernel takes (a millisecond or
    /// so). <see cref="Fail"/>(ECONNREFUSED) instead fails the call at once, which no kernel does for a non-blocking
    /// socket: clients that wait for readiness then wait for their own timeout.</summary>
    /// <remarks>Only on the process-wide switch and its scopes, which reach the kernel's sockets; on a generated switch
    /// the call throws <see cref="System.NotSupportedException"/> (use <see cref="Fail"/> there). On a socket that is not
    /// TCP over inet4 or inet6 the call fails with ECONNREFUSED, injected. Deployed for another call type it makes that
    /// call throw <see cref="InvalidOperationException"/>.</remarks>
    /// <returns>The filter.</returns>
    public static Filter Refuse() => new KernelFaultFault(Engine.KernelFault.Refuse, Errno.ECONNREFUSED).Filter;

    /// <summary>For <see cref="FilterType.Connect"/>: the connect is never answered, as when a firewall drops the SYN:
    /// the socket is connected to a loopback listener whose full accept queue makes the kernel drop every SYN, so a
    /// non-blocking connect gets <c>EINPROGRESS</c> and never completes (the caller's own timeout or cancellation ends
    /// it), and a blocking one waits until the kernel gives up (<c>ETIMEDOUT</c>, about two minutes on Linux).</summary>
    /// <remarks>Only on the process-wide switch and its scopes, as <see cref="Refuse"/>; on a socket that is not TCP
    /// over inet4 or inet6 the call fails with ETIMEDOUT, injected.</remarks>
    /// <returns>The filter.</returns>
    public static Filter Blackhole() => new KernelFaultFault(Engine.KernelFault.Blackhole, Errno.ETIMEDOUT).Filter;

    /// <summary>For calls on a connected TCP socket (<see cref="FilterType.Send"/>, <see cref="FilterType.Recv"/>,
    /// <see cref="FilterType.GetsockoptInt"/>, <see cref="FilterType.Shutdown"/>): the connection is aborted in the
    /// kernel, as when the peer resets it. The call fails with <c>ECONNRESET</c>; a receive waiting on another thread
    /// wakes at once with it; the peer sees a reset; later calls give what they give after a real reset (on Linux a
    /// receive the end of the stream, a send <c>EPIPE</c>; the first call after this one may see ECONNRESET once more,
    /// the socket's pending error, which no one else took).</summary>
    /// <remarks>Only on the process-wide switch and its scopes, as <see cref="Refuse"/>; on a socket that is not TCP
    /// over inet4 or inet6 the call fails with ECONNRESET, injected. A receive blocked in the kernel (a synchronous
    /// <c>Receive</c> on a blocking socket, not .NET's asynchronous ones) wakes with <c>EPIPE</c>: Linux 6.6 and later
    /// tell a receive whose connection was aborted under it that way.</remarks>
    /// <returns>The filter.</returns>
    public static Filter Reset() => new KernelFaultFault(Engine.KernelFault.Reset, Errno.ECONNRESET).Filter;

    /// <summary>For <see cref="FilterType.Send"/> and <see cref="FilterType.Recv"/>: each data call goes on
    /// <paramref name="mean"/> later than it was made, moved by up to <paramref name="jitter"/> either way (seeded: the
    /// same seed delays the same calls alike in every run), as a slow link delays what crosses it. On a socket the runtime
    /// uses asynchronously, under the process-wide switch and its scopes, no thread waits meanwhile: the call gets
    /// EAGAIN and the socket's readiness is signalled again when the delay is over, so the runtime makes it then. Any
    /// other call (a blocking socket, a generated switch) waits on its own thread, ending early if its switch ends.</summary>
    /// <remarks>Deploy one instance per call type: a socket's delayed call is remembered by (<see cref="Status.Descriptor"/>,
    /// <see cref="Status.Generation"/>). With a <see cref="TimeProvider"/> other than the system's, delays run on its
    /// timers (a <c>FakeTimeProvider</c> releases them as the test advances it).</remarks>
    /// <param name="mean">The delay of each call; zero or more.</param>
    /// <param name="jitter">How far a call's delay may move from the mean either way; zero or more.</param>
    /// <param name="seed">Picks the jitter of each call.</param>
    /// <param name="time">The clock the delays run on; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> or <paramref name="jitter"/> is negative.</exception>
    public static Filter Latency(TimeSpan mean, TimeSpan jitter = default, int seed = 0, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mean, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, TimeSpan.Zero);
        return new LatencyFault(mean, jitter, seed, time ?? TimeProvider.System).Filter;
    }

    /// <summary>For <see cref="FilterType.Send"/> and <see cref="FilterType.Recv"/>: caps each socket's throughput at
    /// <paramref name="bytesPerSecond"/>, as a slow link does. Each call moves at most 10 ms worth of the rate (a short
    /// write or read, as the kernel makes them) and the socket then waits until the link has carried it; on a socket the
    /// runtime uses asynchronously, under the process-wide switch and its scopes, it waits with no thread held (EAGAIN,
    /// then its readiness signalled again), any other waits on its own thread.</summary>
    /// <remarks>Deploy one instance per call type to cap each direction, or one for both to share the rate. A short
    /// read gives back what it did not use.</remarks>
    /// <param name="bytesPerSecond">The rate; at least 1.</param>
    /// <param name="time">The clock the link runs on; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesPerSecond"/> is 0 or negative.</exception>
    public static Filter Bandwidth(long bytesPerSecond, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        return new BandwidthFault(bytesPerSecond, time ?? TimeProvider.System).Filter;
    }

    /// <summary>For <see cref="FilterType.Send"/> and <see cref="FilterType.Recv"/>: lets data flow on each socket
    /// until exactly <paramref name="bytes"/> bytes have moved, then resets the connection as <see cref="Reset"/> does,
    /// and fails every further call on that socket with <c>ECONNRESET</c>. The call that would cross the limit is cut
    /// short (<see cref="FilterResult.Limit(int)"/>) to the bytes left, so the total is exact; a short write or read
    /// the kernel makes counts only what it moved.</summary>
    /// <remarks>
    /// <para>Counts per socket, the Send and Recv calls it sees together: deploy one instance for both types to count
    /// both directions, or for one type to count one. A socket is told apart by (<see cref="Status.Descriptor"/>,
    /// <see cref="Status.Generation"/>), so a socket the kernel gives a closed socket's number starts from zero.</para>
    /// <para>On the process-wide switch and its scopes the reset happens in the kernel: the peer sees it, and a call
    /// waiting on the socket wakes, so neither side stalls. On a generated switch, whose inner implementation may be no
    /// kernel, the reset is injected: the calls fail with ECONNRESET and the peer is told nothing. Calls in flight
    /// together on one socket never move more than <paramref name="bytes"/> between them; while one of them holds the
    /// last bytes, another on that socket is reset. Deploy an instance on one switch only (generations are per
    /// switch). Deploy it for Send and Recv only.</para>
    /// </remarks>
    /// <param name="bytes">The bytes each socket may move; 0 resets each socket's first data call.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public static Filter ResetAfter(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new ResetAfterFault(bytes).Filter;
    }

    /// <summary>For <see cref="FilterType.Send"/> and <see cref="FilterType.Recv"/>: cuts every call short to at most
    /// <paramref name="maxBytes"/> bytes (<see cref="FilterResult.Limit(int)"/>), a short write or read the real kernel
    /// makes, so code that assumes one call moves a whole message shows it. Deployed for any other call type it makes
    /// that call throw <see cref="InvalidOperationException"/> (only data calls can be limited).</summary>
    /// <param name="maxBytes">The most bytes a call may move; at least 1.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is 0 or negative.</exception>
    public static Filter Slice(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return new SliceFault(maxBytes).Filter;
    }

    /// <summary>What a filter made here is and what it did so far, such as
    /// <c>Faults.Random(seed: 42, probability: 0.25, ECONNREFUSED): 12 calls seen, 2 failed (calls 6, 9)</c> or
    /// <c>Faults.Nth(3, EMFILE): 5 calls seen, 1 failed</c>. Put it in a failing assertion's message to see the
    /// seed and the calls that failed.</summary>
    /// <param name="filter">A filter.</param>
    /// <returns>The description, or <see langword="null"/> for a filter not made by <see cref="Faults"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <see langword="null"/>.</exception>
    public static string? Describe(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Target is Fault fault ? fault.ToString() : null;
    }

    private static Errno Required(Errno error, string name)
        => error.Value != 0
            ? error
            : throw new ArgumentException("A fault needs a non-zero errno; Errno.None would let the call through.", name);
}
