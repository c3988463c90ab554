using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Socktest.Kit;

namespace Socktest;

/// <summary>What a <see cref="HostFilter"/> decides for a lookup: <c>default</c> lets the real resolver answer at
/// once; <see cref="With"/> answers with addresses, <see cref="Fail"/> fails the lookup, and <see cref="Delay"/> (or
/// <see cref="WithDelay"/> on another answer) makes it wait first.</summary>
public readonly struct HostAnswer
{
    private HostAnswer(IReadOnlyList<IPAddress>? addresses, HostError? error, TimeSpan delayedBy, TimeProvider? timeProvider)
    {
        Addresses = addresses;
        Error = error;
        DelayedBy = delayedBy;
        TimeProvider = timeProvider;
    }

    /// <summary>The addresses to answer with instead of the real resolver's, or <see langword="null"/>.</summary>
    public IReadOnlyList<IPAddress>? Addresses { get; }

    /// <summary>The error to fail the lookup with, or <see langword="null"/>.</summary>
    public HostError? Error { get; }

    /// <summary>How long the lookup waits before it is answered (by the real resolver or as decided here).</summary>
    public TimeSpan DelayedBy { get; }

    /// <summary>The clock <see cref="DelayedBy"/> is measured on: <see langword="null"/> or
    /// <see cref="System.TimeProvider.System"/> sleeps the calling thread; any other provider (such as
    /// <c>FakeTimeProvider</c>) is waited on through a timer it creates, as <see cref="Faults.Delay"/> does.</summary>
    public TimeProvider? TimeProvider { get; }

    /// <summary>Answers with <paramref name="addresses"/>; the real resolver is never asked.</summary>
    /// <param name="addresses">IPv4 and IPv6 addresses; a lookup for one family gets only that family's.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException">No address, or an address of another family.</exception>
    public static HostAnswer With(params IPAddress[] addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Length == 0)
        {
            throw new ArgumentException("An answer needs at least one address; to fail the lookup, use HostAnswer.Fail(HostError.HostNotFound).", nameof(addresses));
        }

        foreach (var address in addresses)
        {
            if (address is null || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address.", nameof(addresses));
            }
        }

        return new HostAnswer((IPAddress[])addresses.Clone(), null, TimeSpan.Zero, null);
    }

    /// <summary>Fails the lookup with <paramref name="error"/>; the real resolver is never asked.</summary>
    /// <param name="error">The resolver's error.</param>
    /// <returns>The answer.</returns>
    public static HostAnswer Fail(HostError error) => new(null, error, TimeSpan.Zero, null);

    /// <summary>Lets the real resolver answer after <paramref name="delay"/>: a slow name server.</summary>
    /// <param name="delay">How long the lookup waits first: zero or more, any length; or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>, a lookup never answered while its switch lives. The wait
    /// ends early, and the lookup is answered as decided, when the switch or scope whose filter decided it is
    /// disposed.</param>
    /// <param name="timeProvider">The clock to wait on (see <see cref="TimeProvider"/>); <see langword="null"/> sleeps
    /// the calling thread.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative and not
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</exception>
    public static HostAnswer Delay(TimeSpan delay, TimeProvider? timeProvider = null)
        => default(HostAnswer).WithDelay(delay, timeProvider);

    /// <summary>This answer, given after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long the lookup waits first: zero or more, any length; or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>, a lookup never answered while its switch lives. The wait
    /// ends early, and the lookup is answered as decided, when the switch or scope whose filter decided it is
    /// disposed.</param>
    /// <param name="timeProvider">The clock to wait on (see <see cref="TimeProvider"/>); <see langword="null"/> sleeps
    /// the calling thread.</param>
    /// <returns>The delayed answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative and not
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</exception>
    public HostAnswer WithDelay(TimeSpan delay, TimeProvider? timeProvider = null)
        => new(Addresses, Error, Waits.Checked(delay, nameof(delay)), timeProvider);
}
