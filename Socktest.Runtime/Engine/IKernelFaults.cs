namespace Socktest.Engine;

/// <summary>Makes a <see cref="KernelFault"/> happen to a real socket, through the C library's own calls (never through
/// a switch). Each returns the errno the call under way gets instead of being made, and leaves the thread's errno as it
/// found it.</summary>
internal interface IKernelFaults
{
    /// <summary>Connects <paramref name="fd"/> to a loopback port nothing listens on, of its family.</summary>
    /// <returns>What that connect gave: EINPROGRESS for a non-blocking socket (ECONNREFUSED follows through SO_ERROR
    /// and the socket's readiness), ECONNREFUSED for a blocking one.</returns>
    Errno Refuse(int fd, int family);

    /// <summary>Connects <paramref name="fd"/> to a loopback listener that drops every SYN, of its family.</summary>
    /// <returns>What that connect gave: EINPROGRESS for a non-blocking socket (it never completes), ETIMEDOUT for a
    /// blocking one once the kernel gives up.</returns>
    Errno Blackhole(int fd, int family);

    /// <summary>Aborts <paramref name="fd"/>'s TCP connection: the peer gets a reset, waiting calls wake with
    /// ECONNRESET, and later calls give what they give after a reset.</summary>
    /// <returns>ECONNRESET.</returns>
    Errno Reset(int fd);
}
