using System;
using Socktest;

// Misuses of the interface's members. Each marked line must carry that diagnostic, and no other line any.
namespace Misuse.Misspelt
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Conect(int fd, ReadOnlySpan<byte> address); // SOCKTEST004
        int Close(int fd);
    }
}

namespace Misuse.WrongSignature
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Listen(int fd, long backlog); // SOCKTEST005
        int Close(int fd);
    }
}

namespace Misuse.Property
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Timeout { get; } // SOCKTEST006
        int Close(int fd);
    }
}

namespace Misuse.NativeMember
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Native(int fd); // SOCKTEST009
        int Close(int fd);
    }
}

namespace Misuse.NoCalls
{
    [SocketSyscalls]
    public partial interface ISocketCalls // SOCKTEST010
    {
    }
}

namespace Misuse.Overload
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Socket(int family, int type, int protocol);
        int Socket(int family, int type); // SOCKTEST012
        int Close(int fd);
    }
}

namespace Misuse.OpensWithoutClose
{
    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Socket(int family, int type, int protocol); // SOCKTEST013
    }
}
