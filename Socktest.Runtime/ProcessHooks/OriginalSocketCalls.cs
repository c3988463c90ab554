using System;
using System.Runtime.InteropServices;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// The functions the hooked import slots pointed to before the hook (libc's), called through their saved addresses
/// (the fields, generated from the <see cref="HookedImportAttribute"/> call structs). As the process-wide switch's
/// inner implementation it follows the switch's convention: on failure the errno moves into <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal sealed unsafe partial class OriginalSocketCalls : IProcessSocketCalls
{
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

    public int Bind(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* pointer = address)
        {
            return Check(BindFunction(fd, pointer, (uint)address.Length));
        }
    }

    /// <summary><c>send</c>, or, when the buffer stands for a hooked <c>sendmsg</c>'s message (see
    /// <see cref="PendingMessage"/>), <c>sendmsg</c> with its buffers cut to the span's length.</summary>
    public int Send(int fd, ReadOnlySpan<byte> buffer, int flags)
    {
        var message = PendingMessage.Matches(ref MemoryMarshal.GetReference(buffer));
        if (message is not null)
        {
            return Check((int)PendingMessage.Transfer(SendmsgFunction, fd, message, buffer.Length, flags));
        }

        fixed (byte* pointer = buffer)
        {
            return Check((int)SendFunction(fd, pointer, (nuint)buffer.Length, flags));
        }
    }

    /// <summary><c>recv</c>, or, when the buffer stands for a hooked <c>recvmsg</c>'s message (see
    /// <see cref="PendingMessage"/>), <c>recvmsg</c> with its buffers cut to the span's length.</summary>
    public int Recv(int fd, Span<byte> buffer, int flags)
    {
        var message = PendingMessage.Matches(ref MemoryMarshal.GetReference(buffer));
        if (message is not null)
        {
            return Check((int)PendingMessage.Transfer(RecvmsgFunction, fd, message, buffer.Length, flags));
        }

        fixed (byte* pointer = buffer)
        {
            return Check((int)RecvFunction(fd, pointer, (nuint)buffer.Length, flags));
        }
    }

    public int Shutdown(int fd, int how) => Check(ShutdownFunction(fd, how));

    private static int Check(int result)
    {
        if (result < 0)
        {
            Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        }

        return result;
    }
}
