using Socktest;

namespace Socktest.Benchmarks;

/// <summary>The calls the benchmarks make; the generator emits <c>BenchCallsSwitch</c> and <c>IBenchCalls.Native</c>.</summary>
[SocketSyscalls]
public partial interface IBenchCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    int Socket(int family, int type, int protocol);

    /// <summary><c>listen(2)</c>.</summary>
    int Listen(int fd, int backlog);

    /// <summary><c>getsockopt(2)</c> for an int option.</summary>
    int GetsockoptInt(int fd, int level, int option, out int value);

    /// <summary><c>close(2)</c>.</summary>
    int Close(int fd);
}
