using System;
using Socktest.Engine;

namespace Socktest;

/// <summary>
/// What a <see cref="Filter"/> decides: proceed (<see langword="default"/>), cancel the call with an errno
/// (<see cref="Fail(Errno)"/>), proceed and run an <see cref="AfterFilter"/> afterwards (<see cref="After(AfterFilter)"/>),
/// or let a <c>Send</c>/<c>Recv</c> move at most some bytes (<see cref="Limit(int)"/>).
/// </summary>
/// <remarks>An <see cref="Errno"/> converts implicitly, so a filter can be written <c>st =&gt; Errno.ECONNREFUSED</c>;
/// <see cref="Errno.None"/> means proceed.</remarks>
public readonly struct FilterResult : IEquatable<FilterResult>
{
    private FilterResult(Errno error, AfterFilter? then, int maxBytes = 0, KernelFault kernelFault = KernelFault.None)
    {
        Error = error;
        Then = then;
        MaxBytes = maxBytes;
        KernelFault = kernelFault;
    }

    /// <summary>Lets the call proceed with no after-filter; the same as <see langword="default"/>.</summary>
    public static FilterResult Proceed => default;

    /// <summary>The errno that cancels the call, or <see cref="Errno.None"/> when the call proceeds.</summary>
    public Errno Error { get; }

    /// <summary>The after-filter to run once the call returns, if any.</summary>
    public AfterFilter? Then { get; }

    /// <summary>The most bytes a <c>Send</c> or <c>Recv</c> may move (<see cref="Limit(int)"/>), or 0 for no limit.</summary>
    public int MaxBytes { get; }

    /// <summary><see langword="true"/> when the call is cancelled with <see cref="Error"/>.</summary>
    public bool IsFailure => Error.Value != 0;

    /// <summary>Cancels the call: it returns -1 with <paramref name="error"/> as its errno, without reaching the kernel.</summary>
    /// <param name="error">A non-zero errno.</param>
    /// <exception cref="ArgumentException"><paramref name="error"/> is <see cref="Errno.None"/>.</exception>
    public static FilterResult Fail(Errno error)
    {
        if (error.Value == 0)
        {
            throw new ArgumentException("A failing filter needs a non-zero errno; return FilterResult.Proceed to let the call through.", nameof(error));
        }

        return new FilterResult(error, null);
    }

    /// <summary>Lets the call proceed and runs <paramref name="afterFilter"/> once it returns.</summary>
    /// <param name="afterFilter">The after-filter to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="afterFilter"/> is <see langword="null"/>.</exception>
    public static FilterResult After(AfterFilter afterFilter)
    {
        ArgumentNullException.ThrowIfNull(afterFilter);
        return new FilterResult(Errno.None, afterFilter);
    }

    /// <summary>Lets a <c>Send</c> or <c>Recv</c> proceed with at most <paramref name="maxBytes"/> bytes of its buffer: a
    /// short write or read, as the kernel may make one. A buffer no longer than that is left alone. Returned for a call
    /// that moves no data, it makes that call throw <see cref="InvalidOperationException"/>.</summary>
    /// <param name="maxBytes">The most bytes the call may move; at least 1.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is 0 or negative.</exception>
    public static FilterResult Limit(int maxBytes) => Limit(maxBytes, null);

    /// <summary>Like <see cref="Limit(int)"/>, and runs <paramref name="afterFilter"/> once the call returns; it reads
    /// the bytes moved in <see cref="Status.Transferred"/>.</summary>
    /// <param name="maxBytes">The most bytes the call may move; at least 1.</param>
    /// <param name="afterFilter">The after-filter to run, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is 0 or negative.</exception>
    public static FilterResult Limit(int maxBytes, AfterFilter? afterFilter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return new FilterResult(Errno.None, afterFilter, maxBytes);
    }

    /// <summary>Cancels the call with <paramref name="error"/>, or proceeds when it is <see cref="Errno.None"/>.</summary>
    /// <param name="error">The errno to fail with.</param>
    public static implicit operator FilterResult(Errno error) => new(error, null);

    /// <summary>A fault the engine makes happen in the kernel (<see cref="Faults.Refuse"/>, <see cref="Faults.Blackhole"/>,
    /// <see cref="Faults.Reset"/>), or <see cref="KernelFault.None"/>.</summary>
    internal KernelFault KernelFault { get; }

    /// <summary>A call that fails the way the network fails it: the engine makes <paramref name="fault"/> happen to the
    /// socket and the call gets the errno the kernel gives; <paramref name="error"/> is what the fault stands for.</summary>
    internal static FilterResult Kernel(KernelFault fault, Errno error) => new(error, null, 0, fault);

    /// <inheritdoc/>
    public bool Equals(FilterResult other)
        => Error == other.Error && ReferenceEquals(Then, other.Then) && MaxBytes == other.MaxBytes && KernelFault == other.KernelFault;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FilterResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Error, Then, MaxBytes, KernelFault);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when both carry the same errno, after-filter and limit.</returns>
    public static bool operator ==(FilterResult left, FilterResult right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(FilterResult left, FilterResult right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString()
        => KernelFault is not KernelFault.None ? (KernelFault == KernelFault.ResetOrFail ? "Faults.Reset()" : $"Faults.{KernelFault}()")
            : IsFailure ? $"Fail({Error})"
            : MaxBytes > 0 ? (Then is null ? $"Limit({MaxBytes})" : $"Limit({MaxBytes}, ...)")
            : Then is null ? "Proceed" : "After(...)";
}
