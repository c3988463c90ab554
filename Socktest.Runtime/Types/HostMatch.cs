using System;
using System.Net.Sockets;

namespace Socktest;

/// <summary>
/// Predicates over a <see cref="HostLookup"/>, for <see cref="HostFilters.When"/> (which lookups a host filter applies
/// to), as <see cref="SocketMatch"/> has them over a <see cref="Status"/> for <see cref="Faults.When"/>.
/// </summary>
public static class HostMatch
{
    /// <summary>The longest DNS name in characters, without a final dot (RFC 1035: 255 octets on the wire).</summary>
    private const int MaxNameLength = 253;

    /// <summary>Lookups of <paramref name="hostName"/>, in any letter case and with or without a final dot.</summary>
    /// <param name="hostName">A DNS name.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Not a valid DNS name, or longer than 253 characters (without a final
    /// dot).</exception>
    public static Func<HostLookup, bool> Name(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        int length = hostName.EndsWith('.') ? hostName.Length - 1 : hostName.Length;
        if (length > MaxNameLength)
        {
            throw new ArgumentException(
                $"The host name is {length} characters long; a DNS name has at most {MaxNameLength} (255 octets on the wire), so no lookup could ever be of it.",
                nameof(hostName));
        }

        if (Uri.CheckHostName(hostName) != UriHostNameType.Dns)
        {
            throw new ArgumentException($"'{hostName}' is not a valid DNS host name.", nameof(hostName));
        }

        string name = hostName.TrimEnd('.');
        return lookup => string.Equals(lookup.HostName.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Lookups that ask for one address family: <see cref="AddressFamily.InterNetwork"/>,
    /// <see cref="AddressFamily.InterNetworkV6"/>, or <see cref="AddressFamily.Unspecified"/> for a lookup of both.</summary>
    /// <param name="family">The family asked for.</param>
    /// <returns>The predicate.</returns>
    public static Func<HostLookup, bool> Family(AddressFamily family) => lookup => lookup.Family == family;
}
