using System;
using Socktest;

namespace Demo;

/// <summary>The socket calls the demo's server and clients make; production code would use <c>ISocketCalls.Native</c>.</summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    int Socket(int family, int type, int protocol);

    int Connect(int fd, ReadOnlySpan<byte> address);

    int Listen(int fd, int backlog);

    int Accept(int fd, Span<byte> address, out int addressLength);

    int Close(int fd);
}
