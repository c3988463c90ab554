using Socktest;

namespace Misuse.FileLocal;

[SocketSyscalls]
file partial interface ISocketCalls // SOCKTEST015
{
    int Close(int fd);
}
