using System;
using System.Runtime.InteropServices;
using Socktest.Engine;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>Kernel faults made through the functions the hook saved (the C library's), so the calls they make reach
/// the kernel and no switch.</summary>
internal sealed unsafe class OriginalKernelFaults : IKernelFaults
{
    /// <summary>The one instance: it holds no state.</summary>
    internal static readonly OriginalKernelFaults Instance = new();

    private const int ShutdownBoth = 2;

    public Errno Refuse(int fd, int family) => ConnectTo(fd, LoopbackTargets.For(family).Refusing, Errno.ECONNREFUSED);

    public Errno Blackhole(int fd, int family) => ConnectTo(fd, LoopbackTargets.For(family).Unanswered, Errno.ETIMEDOUT);

    /// <summary>Linux aborts a connection on <c>connect(AF_UNSPEC)</c>: it sends the peer a reset, records ECONNRESET
    /// as the socket's error and wakes whoever waits on it. That also clears the socket's shutdown state, so a
    /// <c>shutdown</c> afterwards (refused with ENOTCONN, but recorded) makes later calls give what they give after a
    /// reset the peer sent: a receive the end of the stream, a send EPIPE.</summary>
    public Errno Reset(int fd)
    {
        var originals = ProcessHook.Originals!;
        using var kept = KeptErrors.Save();
        byte* unspecified = stackalloc byte[16];
        new Span<byte>(unspecified, 16).Clear();
        originals.ConnectFunction(fd, unspecified, 16);
        originals.ShutdownFunction(fd, ShutdownBoth);
        return Errno.ECONNRESET;
    }

    /// <summary>Connects <paramref name="fd"/> to <paramref name="target"/> and gives that connect's errno (for a
    /// connect that succeeded, which these targets never let happen, <paramref name="otherwise"/>).</summary>
    private static Errno ConnectTo(int fd, ReadOnlySpan<byte> target, Errno otherwise)
    {
        using var kept = KeptErrors.Save();
        int result;
        fixed (byte* address = target)
        {
            result = ProcessHook.Originals!.ConnectFunction(fd, address, (uint)target.Length);
        }

        var errno = result < 0 ? new Errno(Marshal.GetLastSystemError()) : otherwise;
        return errno.Value != 0 ? errno : otherwise;
    }
}
