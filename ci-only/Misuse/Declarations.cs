using System;
using Socktest;

// Misuses of the interface declaration itself. Each marked line must carry that diagnostic, and no other line any.
namespace Misuse.NotPartial
{
    [SocketSyscalls]
    public interface ISocketCalls // SOCKTEST001
    {
        int Close(int fd);
    }
}

namespace Misuse.ContainerNotPartial
{
    public class Outer // SOCKTEST002
    {
        [SocketSyscalls]
        public partial interface ISocketCalls
        {
            int Close(int fd);
        }
    }
}

namespace Misuse.Generic
{
    [SocketSyscalls]
    public partial interface ISocketCalls<T> // SOCKTEST003
    {
        int Close(int fd);
    }
}

namespace Misuse.BaseInterface
{
    [SocketSyscalls]
    public partial interface ISocketCalls
        : IDisposable // SOCKTEST014
    {
        int Close(int fd);
    }
}
