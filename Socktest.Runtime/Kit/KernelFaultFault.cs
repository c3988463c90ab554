using Socktest.Engine;

namespace Socktest.Kit;

/// <summary><see cref="Faults.Refuse"/>, <see cref="Faults.Blackhole"/> and <see cref="Faults.Reset"/>: every call it
/// sees is failed the way the network fails it, in the kernel.</summary>
internal sealed class KernelFaultFault(KernelFault fault, Errno error) : Fault
{
    protected override string Name => fault + "()";

    protected override FilterResult Decide(long call, Status status) => FilterResult.Kernel(fault, error);
}
