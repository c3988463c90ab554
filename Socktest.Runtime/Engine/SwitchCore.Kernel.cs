using System;

namespace Socktest.Engine;

/// <summary>The kernel side of <see cref="SwitchCore"/>: faults a filter asks to make happen in the kernel rather than
/// inject (<see cref="KernelFault"/>), made through <see cref="Kernel"/> when the switch reaches one.</summary>
public sealed partial class SwitchCore
{
    /// <summary>How this switch reaches the kernel's sockets, or <see langword="null"/> when it does not: the
    /// process-wide switch and its scopes do; a generated switch's inner implementation may be no kernel at all. Set
    /// before the switch is in use.</summary>
    internal IKernelFaults? Kernel { get; set; }

    /// <summary>Makes the kernel fault a filter returned, and gives the errno the call gets instead of being made.</summary>
    /// <exception cref="InvalidOperationException">The fault does not fit the call.</exception>
    /// <exception cref="NotSupportedException">The switch does not reach the kernel.</exception>
    private FilterResult MakeKernelFault(FilterType type, FilterResult result, in SwitchCall call)
    {
        var fault = result.KernelFault;
        bool connects = fault is KernelFault.Refuse or KernelFault.Blackhole;
        if (connects ? type != FilterType.Connect : type is not (FilterType.Send or FilterType.Recv or FilterType.GetsockoptInt or FilterType.Shutdown))
        {
            throw new InvalidOperationException(connects
                ? $"A {type} filter returned {result}; only a Connect can be refused or go unanswered: deploy it for FilterType.Connect."
                : $"A {type} filter returned {result}; only a call on a connected socket (Send, Recv, GetsockoptInt, Shutdown) can reset its connection.");
        }

        if (Kernel is not { } kernel)
        {
            return fault == KernelFault.ResetOrFail
                ? FilterResult.Fail(Errno.ECONNRESET)
                : throw new NotSupportedException(
                    $"{result} acts on the kernel's socket, which only the process-wide switch and its scopes reach (ProcessSockets.Install, ProcessSockets.BeginScope); "
                    + $"a generated switch's inner implementation may be no kernel at all. On a generated switch, use Faults.Fail(Errno.{result.Error}).");
        }

        int family = call.Status.Cookie.Family;
        bool tcp = (call.Status.Cookie.Type & 0xff) == Interop.SocketConstants.SOCK_STREAM
            && (family == Interop.SocketConstants.AF_INET || family == Interop.SocketConstants.AF_INET6);
        var errno = fault switch
        {
            KernelFault.Refuse when tcp => kernel.Refuse(call.Fd, family),
            KernelFault.Blackhole when tcp => kernel.Blackhole(call.Fd, family),
            (KernelFault.Reset or KernelFault.ResetOrFail) when tcp => kernel.Reset(call.Fd),
            _ => result.Error,
        };
        return FilterResult.Fail(errno.Value != 0 ? errno : result.Error);
    }
}
