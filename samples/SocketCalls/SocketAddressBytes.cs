using System;
using System.Net;
using System.Net.Sockets;
using Socktest.Interop;

namespace Socktest.Samples;

/// <summary>Converts between <see cref="IPEndPoint"/> and the native sockaddr bytes the socket calls take.</summary>
public static class SocketAddressBytes
{
    /// <summary>The largest sockaddr the samples handle (sockaddr_in6 is 28 bytes; sockaddr_storage is 128).</summary>
    public const int MaxLength = 128;

    /// <summary>The native sockaddr bytes of <paramref name="endPoint"/>.</summary>
    /// <param name="endPoint">An IPv4 or IPv6 end point.</param>
    /// <returns>A new array holding sockaddr_in or sockaddr_in6.</returns>
    public static byte[] Of(IPEndPoint endPoint)
    {
        SocketAddress address = endPoint.Serialize();
        return address.Buffer.Span[..address.Size].ToArray();
    }

    /// <summary>The end point that native sockaddr bytes describe.</summary>
    /// <param name="bytes">sockaddr_in or sockaddr_in6 bytes, such as getsockname(2) fills in.</param>
    /// <param name="family">The address family of the bytes.</param>
    /// <returns>The end point.</returns>
    public static IPEndPoint ToEndPoint(ReadOnlySpan<byte> bytes, AddressFamily family)
    {
        var address = new SocketAddress(family, bytes.Length);
        bytes.CopyTo(address.Buffer.Span);
        IPEndPoint template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        return (IPEndPoint)template.Create(address);
    }

    /// <summary>The native address family number (AF_INET or AF_INET6) of <paramref name="endPoint"/>.</summary>
    /// <param name="endPoint">An IPv4 or IPv6 end point.</param>
    /// <returns>AF_INET or AF_INET6 of the running OS.</returns>
    public static int FamilyOf(IPEndPoint endPoint)
        => endPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? SocketConstants.AF_INET6
            : SocketConstants.AF_INET;
}
