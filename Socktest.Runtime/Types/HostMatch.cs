using System;
using System.Net.Sockets;

namespace Socktest;

/// <summary>
/// Predicates over a <see cref="HostLookup"/>, for <see cref="HostFilters.When"/> (which lookups a host filter applies
/// to), as <see cref="SocketMatch"/> has them over a <see cref="Status"/> for <see cref="Faults.When"/>.
/// </summary>
public static class HostMatch
{
    /// <summary>Lookups of <paramref name="hostName"/>, in any letter case and with or without a final dot.</summary>
    /// <param name="hostName">A DNS name.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Not a valid DNS name.</exception>
    public static Func<HostLookup, bool> Name(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
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
