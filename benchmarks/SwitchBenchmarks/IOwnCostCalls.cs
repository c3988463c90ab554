using Socktest;

namespace Socktest.Benchmarks;

/// <summary>The calls of the own-cost group, in an interface of their own so that its switch
/// (<c>OwnCostCallsSwitch</c>) wraps one implementation only, as a test's switch does. Under the JIT a generated
/// switch's Tier-1 code is specialised (PGO) for the implementations it has served: measured through
/// <c>BenchCallsSwitch</c> after the kernel groups had run it over libc, the same no-op pair cost 31–50 ns instead of
/// 23–25 (docs/benchmarks.md).</summary>
[SocketSyscalls]
public partial interface IOwnCostCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    int Socket(int family, int type, int protocol);

    /// <summary><c>close(2)</c>.</summary>
    int Close(int fd);
}
