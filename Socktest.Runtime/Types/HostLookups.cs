using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Socktest;

/// <summary>Why a host-name lookup fails: the resolver's own error codes, as .NET reports them.</summary>
public enum HostError
{
    /// <summary><c>EAI_NONAME</c>: the name does not exist. .NET: <see cref="SocketError.HostNotFound"/>.</summary>
    HostNotFound,

    /// <summary><c>EAI_AGAIN</c>: a temporary failure of the name server. .NET: <see cref="SocketError.TryAgain"/>.</summary>
    TryAgain,

    /// <summary><c>EAI_FAIL</c>: a failure the name server cannot recover from. .NET: <see cref="SocketError.NoRecovery"/>.</summary>
    NoRecovery,
}

/// <summary>A host-name lookup the runtime is about to make (<c>getaddrinfo</c>), as a <see cref="HostFilter"/> sees it.</summary>
/// <param name="HostName">The name looked up, as the runtime passed it.</param>
/// <param name="Family">The family asked for: <see cref="AddressFamily.Unspecified"/> for both.</param>
public readonly record struct HostLookup(string HostName, AddressFamily Family);

/// <summary>What a <see cref="HostFilter"/> decides for a lookup: <c>default</c> lets the real resolver answer.</summary>
public readonly struct HostAnswer
{
    private HostAnswer(IReadOnlyList<IPAddress>? addresses, HostError? error, TimeSpan delay)
    {
        Addresses = addresses;
        Error = error;
        Delay = delay;
    }

    /// <summary>The addresses to answer with instead of the real resolver's, or <see langword="null"/>.</summary>
    public IReadOnlyList<IPAddress>? Addresses { get; }

    /// <summary>The error to fail the lookup with, or <see langword="null"/>.</summary>
    public HostError? Error { get; }

    /// <summary>How long the lookup waits before it is answered (by the real resolver or as decided here).</summary>
    public TimeSpan Delay { get; }

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

        return new HostAnswer((IPAddress[])addresses.Clone(), null, TimeSpan.Zero);
    }

    /// <summary>Fails the lookup with <paramref name="error"/>; the real resolver is never asked.</summary>
    /// <param name="error">The resolver's error.</param>
    /// <returns>The answer.</returns>
    public static HostAnswer Fail(HostError error) => new(null, error, TimeSpan.Zero);

    /// <summary>Lets the real resolver answer after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long the lookup waits first.</param>
    /// <returns>The answer.</returns>
    public static HostAnswer After(TimeSpan delay) => default(HostAnswer).Delayed(delay);

    /// <summary>This answer, given after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long the lookup waits first; not negative.</param>
    /// <returns>The delayed answer.</returns>
    public HostAnswer Delayed(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new HostAnswer(Addresses, Error, delay);
    }
}

/// <summary>Decides a host-name lookup of the runtime (<c>Dns</c>, <c>SocketsHttpHandler</c>); runs before it.</summary>
/// <param name="lookup">The lookup.</param>
/// <returns>What to do: <c>default</c> lets the real resolver answer.</returns>
public delegate HostAnswer HostFilter(HostLookup lookup);

/// <summary>One host-name lookup the process-wide switch saw, and how it ended.</summary>
/// <param name="HostName">The name looked up.</param>
/// <param name="Family">The family asked for.</param>
/// <param name="Addresses">The addresses the runtime got (empty when it failed).</param>
/// <param name="Error">The resolver's error, or <see langword="null"/>; a real failure that is none of
/// <see cref="HostError"/>'s (a system error, say) is <see cref="HostError.NoRecovery"/>.</param>
/// <param name="Injected">Whether a <see cref="HostFilter"/> decided it (answered or failed) rather than the real resolver.</param>
public sealed record HostLookupRecord(string HostName, AddressFamily Family, IReadOnlyList<IPAddress> Addresses, HostError? Error, bool Injected);

/// <summary>Ready-made <see cref="HostFilter"/>s.</summary>
public static class HostFilters
{
    /// <summary>Answers lookups of <paramref name="hostName"/> (any letter case) with <paramref name="addresses"/>,
    /// such as a test's own loopback server for a production name; other names go to the real resolver.</summary>
    /// <param name="hostName">A DNS name.</param>
    /// <param name="addresses">At least one IPv4 or IPv6 address.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">Not a valid DNS name, or no address.</exception>
    public static HostFilter Map(string hostName, params IPAddress[] addresses)
    {
        string name = CheckName(hostName);
        var answer = HostAnswer.With(addresses);
        return lookup => Matches(lookup, name) ? answer : default;
    }

    /// <summary>Fails lookups of <paramref name="hostName"/> (any letter case) with <paramref name="error"/>.</summary>
    /// <param name="hostName">A DNS name.</param>
    /// <param name="error">The resolver's error.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">Not a valid DNS name.</exception>
    public static HostFilter Fail(string hostName, HostError error)
    {
        string name = CheckName(hostName);
        var answer = HostAnswer.Fail(error);
        return lookup => Matches(lookup, name) ? answer : default;
    }

    private static bool Matches(HostLookup lookup, string name)
        => string.Equals(lookup.HostName.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase);

    private static string CheckName(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        if (Uri.CheckHostName(hostName) != UriHostNameType.Dns)
        {
            throw new ArgumentException($"'{hostName}' is not a valid DNS host name.", nameof(hostName));
        }

        return hostName.TrimEnd('.');
    }
}
