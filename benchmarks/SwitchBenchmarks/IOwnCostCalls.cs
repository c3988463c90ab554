using Socktest;

namespace Socktest.Benchmarks;

/// <summary>The calls of the own-cost group, in an interface of their own so that its switch
/// (<c>OwnCostCallsSwitch</c>) wraps one implementation only, as a test's switch does. Under the JIT a generated
/// switch's Tier-1 code is specialised (PGO) for the implementations it has served, so a switch type the kernel groups
/// ran over libc costs more over the no-op inner (docs/decisions/native-inner-static-call.md).</summary>
[SocketSyscalls]
public partial interface IOwnCostCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    int Socket(int family, int type, int protocol);

    /// <summary><c>close(2)</c>.</summary>
    int Close(int fd);
}
