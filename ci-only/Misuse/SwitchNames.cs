using Socktest;

// Misuses of the switch's name. Each marked line must carry that diagnostic, and no other line any.
namespace Misuse.InvalidSwitchName
{
    [SocketSyscalls(SwitchName = "Faulty Sockets")] // SOCKTEST007
    public partial interface ISocketCalls
    {
        int Close(int fd);
    }
}

namespace Misuse.SwitchNameCollision
{
    public class SocketCallsSwitch
    {
    }

    [SocketSyscalls]
    public partial interface ISocketCalls // SOCKTEST008
    {
        int Close(int fd);
    }
}
