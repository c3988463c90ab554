using System;
using System.Buffers.Binary;

namespace Socktest.Interop;

/// <summary>The local port of an inet4 or inet6 socket, read from the kernel, for <see cref="SocketMatch.LocalPort"/>.</summary>
internal static class SocketPorts
{
    /// <summary>The port <paramref name="status"/>'s socket is bound to, or -1 (no descriptor, not inet, no address).</summary>
    internal static int Local(Status status)
    {
        int family = status.Cookie.Family;
        if (status.Descriptor < 0 || (family != SocketConstants.AF_INET && family != SocketConstants.AF_INET6))
        {
            return -1;
        }

        Span<byte> address = stackalloc byte[128];
        int length = SocketAddresses.Read(status.Descriptor, peer: false, address);

        // sockaddr_in and sockaddr_in6 both carry the port in network order at offset 2, on Linux and macOS.
        return length < 4 ? -1 : BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
    }
}
