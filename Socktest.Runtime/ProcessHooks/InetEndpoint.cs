using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Socktest.Interop;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// An inet address and port, as a key for matching the two ends of a loopback connection and a claimed endpoint. An
/// IPv4 address is kept in its IPv4-mapped IPv6 form, so that a dual-mode socket's <c>::ffff:127.0.0.1</c> (what
/// <c>SocketsHttpHandler</c>'s sockets report) and an IPv4 socket's <c>127.0.0.1</c> are one key.
/// </summary>
/// <param name="High">The first eight bytes of the (mapped) IPv6 address, in memory order.</param>
/// <param name="Low">The last eight bytes.</param>
/// <param name="Port">The port, in host order.</param>
internal readonly record struct InetEndpoint(ulong High, ulong Low, int Port)
{
    private const int MaxAddress = 128;

    /// <summary>Whether the address is the unspecified one (<c>0.0.0.0</c> or <c>::</c>): a claim on it matches every
    /// address of its port.</summary>
    public bool AnyAddress => (High == 0 && Low == 0) || (High == 0 && Low == MappedPrefix);

    // ::ffff:0.0.0.0 read as the last eight bytes, in memory order.
    private static ulong MappedPrefix => BitConverter.IsLittleEndian ? 0x0000_0000_FFFF_0000UL : 0x0000_FFFF_0000_0000UL;

    /// <summary>Reads a <c>sockaddr_in</c> or <c>sockaddr_in6</c>; any other family (or a short buffer) is no
    /// endpoint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe bool TryRead(byte* address, uint length, out InetEndpoint endpoint)
    {
        endpoint = default;
        if (address is null || length < 2)
        {
            return false;
        }

        int family = *(ushort*)address;
        int port = (address[2] << 8) | address[3];

        Span<byte> mapped = stackalloc byte[16];
        if (family == SocketConstants.AF_INET && length >= 8)
        {
            mapped[10] = 0xFF;
            mapped[11] = 0xFF;
            new ReadOnlySpan<byte>(address + 4, 4).CopyTo(mapped[12..]);
        }
        else if (family == SocketConstants.AF_INET6 && length >= 24)
        {
            new ReadOnlySpan<byte>(address + 8, 16).CopyTo(mapped);
        }
        else
        {
            return false;
        }

        endpoint = new InetEndpoint(MemoryMarshal.Read<ulong>(mapped), MemoryMarshal.Read<ulong>(mapped[8..]), port);
        return true;
    }

    /// <summary>The key of <paramref name="endpoint"/>.</summary>
    /// <exception cref="ArgumentException">Not an IPv4 or IPv6 endpoint.</exception>
    public static InetEndpoint Of(IPEndPoint endpoint)
    {
        if (endpoint.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Only IPv4 and IPv6 endpoints can be claimed, not {endpoint.AddressFamily}.", nameof(endpoint));
        }

        Span<byte> mapped = stackalloc byte[16];
        endpoint.Address.MapToIPv6().TryWriteBytes(mapped, out _);
        return new InetEndpoint(MemoryMarshal.Read<ulong>(mapped), MemoryMarshal.Read<ulong>(mapped[8..]), endpoint.Port);
    }

    /// <summary>The peer of a connected socket (<c>getpeername</c>), or the local end (<c>getsockname</c>); the
    /// caller's errno and P/Invoke error are left as they were.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryOfSocket(int fd, bool peer, out InetEndpoint endpoint)
    {
        Span<byte> buffer = stackalloc byte[MaxAddress];
        int length;
        bool read;
        using (KeptErrors.Save())
        {
            read = (peer ? Libc.Getpeername(fd, buffer, out length) : Libc.Getsockname(fd, buffer, out length)) == 0;
        }

        endpoint = default;
        unsafe
        {
            fixed (byte* pointer = buffer)
            {
                return read && TryRead(pointer, (uint)length, out endpoint);
            }
        }
    }

    /// <summary>The address and port, as <see cref="IPEndPoint"/> prints them.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        ulong high = High, low = Low;
        MemoryMarshal.Write(bytes, in high);
        MemoryMarshal.Write(bytes[8..], in low);
        var address = new IPAddress(bytes);
        return new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, Port).ToString();
    }
}
