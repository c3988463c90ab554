using Socktest;

namespace Misuse.OldLanguage
{
    [SocketSyscalls]
    public partial interface ISocketCalls // SOCKTEST011
    {
        int Close(int fd);
    }
}
