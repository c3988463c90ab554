using System;
using Socktest;

namespace AotTests;

/// <summary>The socket calls the code under test makes; Socktest's generator (from the package) adds
/// <c>ISocketCalls.Native</c> and <c>SocketCallsSwitch</c>.</summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    int Socket(int family, int type, int protocol);

    /// <summary><c>connect(2)</c> with native sockaddr bytes.</summary>
    int Connect(int fd, ReadOnlySpan<byte> address);

    /// <summary><c>listen(2)</c>.</summary>
    int Listen(int fd, int backlog);

    /// <summary><c>accept(2)</c>.</summary>
    int Accept(int fd, Span<byte> address, out int addressLength);

    /// <summary><c>getsockopt(2)</c> for an int option.</summary>
    int GetsockoptInt(int fd, int level, int option, out int value);

    /// <summary><c>close(2)</c>.</summary>
    int Close(int fd);
}
