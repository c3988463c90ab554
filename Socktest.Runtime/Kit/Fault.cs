using System.Globalization;
using System.Threading;

namespace Socktest.Kit;

/// <summary>
/// A ready-made filter of <see cref="Faults"/>: the returned <see cref="Filter"/> is bound to an instance of this
/// class, which counts the calls that reach it (and those it failed) with <see cref="Interlocked"/> and describes
/// itself in <see cref="ToString"/> (what <see cref="Faults.Describe"/> returns).
/// </summary>
internal abstract class Fault
{
    private long _seen;
    private long _failed;

    /// <summary>The filter to deploy: this instance's <see cref="Run"/>.</summary>
    internal Filter Filter => Run;

    /// <summary>The calls that reached the filter so far.</summary>
    internal long Seen => Interlocked.Read(ref _seen);

    /// <summary>The calls it failed so far.</summary>
    internal long Failed => Interlocked.Read(ref _failed);

    /// <summary>The factory call that made it, such as <c>Nth(3, EMFILE)</c>.</summary>
    protected abstract string Name { get; }

    /// <summary>The factory call, such as <c>Faults.Nth(3, EMFILE)</c>: how a trace names the fault.</summary>
    internal string Label => "Faults." + Name;

    /// <summary>What it did so far.</summary>
    protected virtual string Summary => $"{Count(Seen, "call")} seen, {Failed.ToString(CultureInfo.InvariantCulture)} failed";

    /// <summary><c>Faults.Name: summary</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Faults.{Name}: {Summary}";

    /// <summary>Why the .NET runtime cannot survive this fault on calls of <paramref name="type"/> as it would survive
    /// the kernel's own, or <see langword="null"/> when it can: the process-wide switch refuses such a fault where it
    /// is deployed.</summary>
    /// <param name="type">The kind of call it would be deployed on.</param>
    /// <returns>The reason, with what to use instead; or <see langword="null"/>.</returns>
    internal virtual string? RuntimeHazard(FilterType type) => null;

    /// <summary>The hazard of injecting <paramref name="error"/> on <paramref name="type"/>: an unbounded EINTR on a
    /// call System.Native retries at once (connect, accept, send, receive: forever), an EAGAIN on a call the runtime
    /// then waits on with edge-triggered epoll (send, receive, accept: an edge an injected EAGAIN never raises).</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="error">The errno the fault injects.</param>
    /// <param name="unbounded">Whether it may inject it on every call, with no end.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    protected string? ErrnoHazard(FilterType type, Errno error, bool unbounded)
    {
        if (error == Errno.EINTR && unbounded && type is FilterType.Connect or FilterType.Accept or FilterType.Send or FilterType.Recv)
        {
            return $"{Label} on {type} is refused by the process-wide switch: the .NET runtime retries a call that fails with EINTR at once, "
                + "so failing every call with it spins that thread forever. Use a counted interruption instead: "
                + "Faults.First(n, Errno.EINTR), Faults.Nth(n, Errno.EINTR) or Faults.Sequence(...).";
        }

        if (error == Errno.EAGAIN && type is FilterType.Send or FilterType.Recv or FilterType.Accept)
        {
            return $"{Label} on {type} is refused by the process-wide switch: after EAGAIN the .NET runtime waits for the socket's next "
                + "epoll edge, which an injected EAGAIN never raises, so the call stalls until the peer happens to act (or forever). "
                + "Use Faults.Delay for a slow peer, Faults.Slice or FilterResult.Limit for short transfers, "
                + "or a filter of your own (st => Errno.EAGAIN) if a stall is what the test is about.";
        }

        return null;
    }

    /// <summary>Decides the <paramref name="call"/>-th call (1-based) that reached the filter.</summary>
    protected abstract FilterResult Decide(long call, Status status);

    protected static string Count(long count, string noun)
        => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private FilterResult Run(Status status)
    {
        var result = Decide(Interlocked.Increment(ref _seen), status);
        if (result.IsFailure)
        {
            Interlocked.Increment(ref _failed);
        }

        return result;
    }
}
