namespace Socktest.Engine;

/// <summary>A fault a filter asks the engine to make happen in the kernel, so that the code under test sees what the
/// network itself would give (<see cref="FilterResult"/> carries it; <see cref="IKernelFaults"/> makes it).</summary>
internal enum KernelFault
{
    /// <summary>No kernel fault: the filter's errno, if any, is injected as it is.</summary>
    None,

    /// <summary>A connect to a port nothing listens on (<see cref="Faults.Refuse"/>).</summary>
    Refuse,

    /// <summary>A connect whose SYN is never answered (<see cref="Faults.Blackhole"/>).</summary>
    Blackhole,

    /// <summary>The connection aborted in the kernel (<see cref="Faults.Reset"/>).</summary>
    Reset,

    /// <summary>As <see cref="Reset"/>; on a switch that cannot reach the kernel, the call fails with ECONNRESET
    /// instead (<see cref="Faults.ResetAfter"/>).</summary>
    ResetOrFail,
}
