using System;
using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Socktest.Interop;

/// <summary>Inet socket addresses (<c>sockaddr_in</c>, <c>sockaddr_in6</c>) read into an <see cref="IPEndPoint"/> and
/// written from one, in the layout of the platform the process runs on.</summary>
internal static class SocketAddresses
{
    /// <summary>The most bytes a <c>sockaddr_in6</c> takes.</summary>
    internal const int MaxLength = 28;

    /// <summary>The inet endpoint <paramref name="address"/> holds, or <see langword="null"/> for another family or a
    /// buffer too short for its family.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static IPEndPoint? ToEndPoint(ReadOnlySpan<byte> address)
    {
        if (address.Length < 4)
        {
            return null;
        }

        // Linux: a 16-bit family first; the BSDs (macOS): a length byte, then an 8-bit family.
        int family = Platform.IsApple ? address[1] : MemoryMarshal.Read<ushort>(address);
        int port = BinaryPrimitives.ReadUInt16BigEndian(address[2..]);
        if (family == SocketConstants.AF_INET && address.Length >= 8)
        {
            return new IPEndPoint(new IPAddress(address.Slice(4, 4)), port);
        }

        if (family == SocketConstants.AF_INET6 && address.Length >= MaxLength)
        {
            long scope = BinaryPrimitives.ReadUInt32LittleEndian(address[24..]);
            return new IPEndPoint(new IPAddress(address.Slice(8, 16), scope), port);
        }

        return null;
    }

    /// <summary>The peer <paramref name="fd"/> is connected to, read from the kernel (<c>getpeername</c>), or
    /// <see langword="null"/> (not connected, not inet). The caller's errno is left as it was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static IPEndPoint? PeerOf(int fd)
    {
        Span<byte> address = stackalloc byte[128];
        int length = Read(fd, peer: true, address);
        return length < 0 ? null : ToEndPoint(address[..length]);
    }

    /// <summary>Reads <paramref name="fd"/>'s own address (<c>getsockname</c>) or its peer's (<c>getpeername</c>) into
    /// <paramref name="address"/>, leaving the caller's errno as it was: a filter runs between the caller's calls, and
    /// the caller may still read it.</summary>
    /// <returns>The bytes written, or -1 (no descriptor, or the kernel refused).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Read(int fd, bool peer, Span<byte> address)
    {
        if (fd < 0)
        {
            return -1;
        }

        int saved = Marshal.GetLastPInvokeError();
        int result = peer ? Libc.Getpeername(fd, address, out int length) : Libc.Getsockname(fd, address, out length);
        Marshal.SetLastPInvokeError(saved);
        return result < 0 ? -1 : Math.Min(length, address.Length);
    }

    /// <summary>Writes <paramref name="endPoint"/> as a <c>sockaddr_in</c> or <c>sockaddr_in6</c>.</summary>
    /// <returns>The bytes written.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Write(IPEndPoint endPoint, Span<byte> address)
    {
        bool v6 = endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        int length = v6 ? MaxLength : 16;
        address[..length].Clear();
        int family = v6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET;
        if (Platform.IsApple)
        {
            address[0] = (byte)length;
            address[1] = (byte)family;
        }
        else
        {
            MemoryMarshal.Write(address, (ushort)family);
        }

        BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)endPoint.Port);
        endPoint.Address.TryWriteBytes(address.Slice(v6 ? 8 : 4, v6 ? 16 : 4), out _);
        return length;
    }
}
