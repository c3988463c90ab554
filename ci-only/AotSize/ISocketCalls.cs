using System;
using Socktest;

namespace AotSize;

/// <summary>The calls the program makes.</summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    int Socket(int family, int type, int protocol);

    /// <summary><c>connect(2)</c>.</summary>
    int Connect(int fd, ReadOnlySpan<byte> address);

    /// <summary><c>listen(2)</c>.</summary>
    int Listen(int fd, int backlog);

    /// <summary><c>accept(2)</c>.</summary>
    int Accept(int fd, Span<byte> address, out int addressLength);

    /// <summary><c>close(2)</c>.</summary>
    int Close(int fd);
}
