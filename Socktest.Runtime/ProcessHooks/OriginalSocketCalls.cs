using System;
using System.Runtime.InteropServices;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// The functions the hooked import slots pointed to before the hook (libc's), called through their saved addresses.
/// It follows the switch's convention: on failure the errno moves into <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal sealed unsafe class OriginalSocketCalls : IProcessSocketCalls
{
    public delegate* unmanaged<int, int, int, int> SocketFunction;
    public delegate* unmanaged<int, byte*, uint, int> ConnectFunction;
    public delegate* unmanaged<int, int, int> ListenFunction;
    public delegate* unmanaged<int, byte*, uint*, int> AcceptFunction;
    public delegate* unmanaged<int, byte*, uint*, int, int> Accept4Function;
    public delegate* unmanaged<int, int, int, void*, uint*, int> GetsockoptFunction;
    public delegate* unmanaged<int, int> CloseFunction;
    public delegate* unmanaged<byte*, byte*, HostLookupHooks.AddrInfo*, HostLookupHooks.AddrInfo**, int> GetAddrInfoFunction;

    public int Socket(int family, int type, int protocol) => Check(SocketFunction(family, type, protocol));

    public int Connect(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* pointer = address)
        {
            return Check(ConnectFunction(fd, pointer, (uint)address.Length));
        }
    }

    public int Listen(int fd, int backlog) => Check(ListenFunction(fd, backlog));

    public int Accept(int fd, Span<byte> address, out int addressLength)
    {
        var peer = new PeerAddress(address);
        fixed (byte* pointer = address)
        {
            return Check(peer.Complete(AcceptFunction(fd, peer.Buffer(pointer), peer.Length), out addressLength));
        }
    }

    public int Accept4(int fd, Span<byte> address, out int addressLength, int flags)
    {
        var peer = new PeerAddress(address);
        fixed (byte* pointer = address)
        {
            return Check(peer.Complete(Accept4Function(fd, peer.Buffer(pointer), peer.Length, flags), out addressLength));
        }
    }

    public int GetsockoptInt(int fd, int level, int option, out int value)
    {
        int read = 0;
        uint length = sizeof(int);
        int result = GetsockoptFunction(fd, level, option, &read, &length);
        value = result < 0 ? 0 : read;
        return Check(result);
    }

    public int Close(int fd) => Check(CloseFunction(fd));

    /// <summary>The saved address of the libc function named <paramref name="name"/>.</summary>
    public nint AddressOf(string name) => name switch
    {
        "socket" => (nint)SocketFunction,
        "connect" => (nint)ConnectFunction,
        "listen" => (nint)ListenFunction,
        "accept" => (nint)AcceptFunction,
        "accept4" => (nint)Accept4Function,
        "getsockopt" => (nint)GetsockoptFunction,
        "close" => (nint)CloseFunction,
        "getaddrinfo" => (nint)GetAddrInfoFunction,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a hooked call."),
    };

    private static int Check(int result)
    {
        if (result < 0)
        {
            Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        }

        return result;
    }
}
