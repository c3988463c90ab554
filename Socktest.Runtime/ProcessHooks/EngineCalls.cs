using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Socktest.Engine;

namespace Socktest.ProcessHooks;

/// <summary>A hooked call through its switch's engine: the engine's <c>Begin</c> (the filter), libc, the engine's
/// <c>End</c> (the after-filter and the booking), as a generated switch brackets a call.</summary>
internal static class EngineCalls
{
    /// <summary>Runs <paramref name="call"/> through the engine of <paramref name="owner"/>, the switch that owns it.</summary>
    /// <returns>What the caller gets; on failure the errno is in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    /// <remarks>Kept out of the entry points: inlined, the engine's filter path would grow every entry point's frame
    /// and prologue, and the unfiltered path would pay for it (+36 instructions per socket and close pair in
    /// <c>benchmarks/instructions.sh</c>). Out of line, a filtered call has two frames at the syscall, as it had
    /// through a generated switch.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Run<TCall>(TCall call, HookedSwitch owner)
        where TCall : struct, IHookedCall
    {
        var core = owner.Core;

        // Read here rather than carried in from the entry point, which then keeps nothing alive for this branch.
        var originals = ProcessHook.Originals!;
        switch (call.Enter(core, out var state))
        {
            case CallDisposition.PassThrough:
                return Made(call.Direct(originals, int.MaxValue));
            case CallDisposition.Cancelled:
                return SwitchCore.Cancel(in state);
            default:
                return call.Finish(core, ref state, Made(call.Direct(originals, state.MaxBytes > 0 ? state.MaxBytes : int.MaxValue)));
        }
    }

    /// <summary>A call made straight to libc, with errno moved where the engine reads it.</summary>
    /// <param name="result">What libc returned: a size fits an <see cref="int"/>, since data calls ask for at most
    /// <see cref="int.MaxValue"/> bytes.</param>
    /// <returns><paramref name="result"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Made(nint result)
    {
        if (result < 0)
        {
            Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        }

        return (int)result;
    }

    /// <summary>The length a data call asks libc to move: the caller's, or <paramref name="limit"/> when that is
    /// smaller and not negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Cut(nuint length, int limit) => limit >= 0 && (nuint)limit < length ? (nuint)limit : length;

    /// <summary>The bytes a data call asks for, as the engine's <see cref="Status.Requested"/> holds them: at most
    /// <see cref="int.MaxValue"/>, since a switch's result is an <see cref="int"/> (the kernel itself moves a longer
    /// buffer in part).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int Requested(byte* buffer, nuint length) => buffer is null ? 0 : (int)System.Math.Min(length, (nuint)int.MaxValue);
}
