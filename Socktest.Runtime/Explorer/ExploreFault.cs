using System;
using System.Globalization;
using Socktest.Interop;

namespace Socktest;

/// <summary>One fault of the explorer's menu (<see cref="ExploreOptions.Menu"/>), put at one <see cref="FaultPoint"/>
/// of a run: the faithful faults of <see cref="Faults"/> where there is one (a refused or unanswered connect, a reset),
/// an early end of stream, a short read or write, an errno, and failed or slow lookups. Each has a short name that a
/// schedule line carries and <see cref="Parse"/> reads back.</summary>
public sealed class ExploreFault : IEquatable<ExploreFault>
{
    private static readonly Filter RefuseFilter = Faults.Refuse();
    private static readonly Filter BlackholeFilter = Faults.Blackhole();
    private static readonly Filter ResetFilter = Faults.Reset();

    private readonly Shape _shape;
    private readonly Errno _errno;
    private readonly int _maxBytes;
    private readonly HostError _hostError;
    private readonly TimeSpan _delay;

    private ExploreFault(Shape shape, Errno errno = default, int maxBytes = 0, HostError hostError = default, TimeSpan delay = default)
    {
        _shape = shape;
        _errno = errno;
        _maxBytes = maxBytes;
        _hostError = hostError;
        _delay = delay;
    }

    private enum Shape
    {
        Refuse,
        Blackhole,
        Reset,
        EndOfStream,
        Short,
        Fail,
        LookupFailure,
        SlowLookup,
    }

    /// <summary>For a connect: refused, as by a loopback port nothing listens on (<see cref="Faults.Refuse"/>).
    /// Name: <c>refuse</c>.</summary>
    public static ExploreFault Refuse { get; } = new(Shape.Refuse);

    /// <summary>For a connect: never answered, as when the SYN is dropped (<see cref="Faults.Blackhole"/>): the client
    /// waits for its own timeout. Name: <c>blackhole</c>.</summary>
    public static ExploreFault Blackhole { get; } = new(Shape.Blackhole);

    /// <summary>For a send or receive: the connection reset in the kernel, as by the peer's abortive close
    /// (<see cref="Faults.Reset"/>). Name: <c>reset</c>.</summary>
    public static ExploreFault Reset { get; } = new(Shape.Reset);

    /// <summary>For a receive: the stream ends there. The bytes not yet read are dropped and this receive, and every
    /// later one, returns 0; a later send fails (<c>EPIPE</c>). Made by aborting the connection in the kernel, so the
    /// peer sees a reset rather than the end of its stream. Name: <c>eof</c>.</summary>
    public static ExploreFault EndOfStream { get; } = new(Shape.EndOfStream);

    /// <summary>For a send or receive: the first call there that moves bytes moves at most <paramref name="maxBytes"/>
    /// (<see cref="FilterResult.Limit(int)"/>), a short write or read. Name: <c>short(n)</c>.</summary>
    /// <param name="maxBytes">At least 1.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is below 1.</exception>
    public static ExploreFault Short(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return new(Shape.Short, maxBytes: maxBytes);
    }

    /// <summary>For any socket call: it fails at once with <paramref name="errno"/> (<see cref="FilterResult.Fail"/>),
    /// such as <c>EMFILE</c> on a socket or accept. Name: <c>fail(EMFILE)</c>.</summary>
    /// <param name="errno">Not <see cref="Errno.None"/>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentException"><paramref name="errno"/> is <see cref="Errno.None"/>.</exception>
    public static ExploreFault Fail(Errno errno)
    {
        if (errno.Value == 0)
        {
            throw new ArgumentException("A failing fault needs a non-zero errno.", nameof(errno));
        }

        return new(Shape.Fail, errno: errno);
    }

    /// <summary>For a lookup: it fails with <paramref name="error"/>, whatever the scenario's own host filter would
    /// answer. Name: <c>lookup-fail(HostNotFound)</c>.</summary>
    /// <param name="error">The resolver's error.</param>
    /// <returns>The fault.</returns>
    public static ExploreFault LookupFailure(HostError error) => new(Shape.LookupFailure, hostError: error);

    /// <summary>For a lookup: it answers as it would (the scenario's host filter, else the resolver), after
    /// <paramref name="delay"/>; the calling thread waits, as with <see cref="HostFilters.Delay"/>.
    /// Name: <c>lookup-delay(1000ms)</c>.</summary>
    /// <param name="delay">Not negative.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static ExploreFault SlowLookup(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(Shape.SlowLookup, delay: TimeSpan.FromMilliseconds(Math.Round(delay.TotalMilliseconds)));
    }

    /// <summary>Whether the fault is for host-name lookups rather than socket calls.</summary>
    public bool IsLookupFault => _shape is Shape.LookupFailure or Shape.SlowLookup;

    /// <summary>Whether the fault stays armed until a call moves bytes (a short read or write), rather than acting on
    /// the first call at its point.</summary>
    internal bool WaitsForBytes => _shape == Shape.Short;

    /// <summary>The fault's name in a schedule line: <c>refuse</c>, <c>blackhole</c>, <c>reset</c>, <c>eof</c>,
    /// <c>short(1)</c>, <c>fail(EMFILE)</c>, <c>lookup-fail(TryAgain)</c>, <c>lookup-delay(1000ms)</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => _shape switch
    {
        Shape.Refuse => "refuse",
        Shape.Blackhole => "blackhole",
        Shape.Reset => "reset",
        Shape.EndOfStream => "eof",
        Shape.Short => string.Create(CultureInfo.InvariantCulture, $"short({_maxBytes})"),
        Shape.Fail => $"fail({_errno})",
        Shape.LookupFailure => $"lookup-fail({_hostError})",
        _ => string.Create(CultureInfo.InvariantCulture, $"lookup-delay({(long)_delay.TotalMilliseconds}ms)"),
    };

    /// <summary>Reads a fault's name back (see <see cref="ToString"/>).</summary>
    /// <param name="text">The name.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="FormatException">The text names no fault.</exception>
    public static ExploreFault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.Trim();
        string? argument = null;
        int open = name.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && name.EndsWith(')'))
        {
            argument = name[(open + 1)..^1];
            name = name[..open];
        }

        try
        {
            return (name, argument) switch
            {
                ("refuse", null) => Refuse,
                ("blackhole", null) => Blackhole,
                ("reset", null) => Reset,
                ("eof", null) => EndOfStream,
                ("short", not null) => Short(int.Parse(argument, NumberStyles.None, CultureInfo.InvariantCulture)),
                ("fail", not null) => Fail(new Errno(ErrnoTable.ValueOf(argument))),
                ("lookup-fail", not null) => LookupFailure(ParseHostError(argument)),
                ("lookup-delay", not null) when argument.EndsWith("ms", StringComparison.Ordinal)
                    => SlowLookup(TimeSpan.FromMilliseconds(long.Parse(argument[..^2], NumberStyles.None, CultureInfo.InvariantCulture))),
                _ => throw new FormatException($"'{text}' names no fault: expected refuse, blackhole, reset, eof, short(n), fail(ERRNO), lookup-fail(HostError) or lookup-delay(Nms)."),
            };
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException)
        {
            throw new FormatException($"'{text}' names no fault: {exception.Message}", exception);
        }
    }

    /// <inheritdoc/>
    public bool Equals(ExploreFault? other)
        => other is not null && _shape == other._shape && _errno == other._errno && _maxBytes == other._maxBytes
            && _hostError == other._hostError && _delay == other._delay;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExploreFault);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_shape, _errno, _maxBytes, _hostError, _delay);

    /// <summary>What the filter at the fault's point returns for <paramref name="status"/>.</summary>
    /// <param name="status">The call.</param>
    /// <param name="then">The recorder's after-filter, kept where the call proceeds.</param>
    internal FilterResult Apply(Status status, AfterFilter then)
    {
        switch (_shape)
        {
            case Shape.Refuse:
                return RefuseFilter(status);
            case Shape.Blackhole:
                return BlackholeFilter(status);
            case Shape.Reset:
                return ResetFilter(status);
            case Shape.Short:
                return FilterResult.Limit(_maxBytes, then);
            case Shape.Fail:
                return FilterResult.Fail(_errno);
            case Shape.EndOfStream:
                EndStream(status.Descriptor);
                return FilterResult.After(then);
            default:
                throw new InvalidOperationException($"{this} is a fault for host-name lookups, not for {status}.");
        }
    }

    /// <summary>What a lookup the fault is put on answers, given what it would have answered.</summary>
    /// <param name="answer">The scenario's own host filter's answer (<see langword="default"/>: the resolver's).</param>
    internal HostAnswer Apply(HostAnswer answer)
        => _shape == Shape.SlowLookup ? answer.WithDelay(answer.DelayedBy + _delay, answer.TimeProvider) : HostAnswer.Fail(_hostError);

    /// <summary>Ends the stream under the receive about to run: the connection is aborted in the kernel as
    /// <see cref="Faults.Reset"/> aborts it (what waits on the socket is dropped, nothing more can arrive), and the
    /// socket's pending <c>ECONNRESET</c> is read off, so this receive and every later one return 0. Shutting the socket
    /// for reading alone would not do: Linux still delivers what the peer sends afterwards.</summary>
    private static void EndStream(int fd)
    {
        using var kept = KeptErrors.Save();
        ProcessHooks.OriginalKernelFaults.Instance.Reset(fd);
        Libc.GetsockoptInt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR, out _);
    }

    private static HostError ParseHostError(string name) => name switch
    {
        nameof(HostError.HostNotFound) => HostError.HostNotFound,
        nameof(HostError.TryAgain) => HostError.TryAgain,
        nameof(HostError.NoRecovery) => HostError.NoRecovery,
        _ => throw new ArgumentException($"No HostError named {name}.", nameof(name)),
    };
}
