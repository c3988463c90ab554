using System;
using Socktest;

namespace Socktest.Tests.Support;

/// <summary>Every call, as the README declares them: the interface the semantics tests run through.</summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    int Socket(int family, int type, int protocol);

    int Connect(int fd, ReadOnlySpan<byte> address);

    int Listen(int fd, int backlog);

    int Accept(int fd, Span<byte> address, out int addressLength);

    int Accept4(int fd, Span<byte> address, out int addressLength, int flags);

    int GetsockoptInt(int fd, int level, int option, out int value);

    int Close(int fd);

    int Bind(int fd, ReadOnlySpan<byte> address);

    int Send(int fd, ReadOnlySpan<byte> buffer, int flags);

    int Recv(int fd, Span<byte> buffer, int flags);

    int Shutdown(int fd, int how);
}
