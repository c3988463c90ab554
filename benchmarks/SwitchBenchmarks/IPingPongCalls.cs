using System;
using Socktest;

namespace Socktest.Benchmarks;

/// <summary>The calls of the data-path group: a loopback pair is opened, connected and accepted through the switch
/// (so the switch tracks both ends), then 64-byte ping-pongs go through <c>Send</c> and <c>Recv</c>.</summary>
[SocketSyscalls]
public partial interface IPingPongCalls
{
    int Socket(int family, int type, int protocol);

    int Bind(int fd, ReadOnlySpan<byte> address);

    int Listen(int fd, int backlog);

    int Accept(int fd, Span<byte> address, out int addressLength);

    int Connect(int fd, ReadOnlySpan<byte> address);

    int Send(int fd, ReadOnlySpan<byte> buffer, int flags);

    int Recv(int fd, Span<byte> buffer, int flags);

    int Close(int fd);
}
