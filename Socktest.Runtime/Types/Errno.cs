using System;
using System.Runtime.InteropServices;
using Socktest.Interop;

namespace Socktest;

/// <summary>
/// An errno number of the operating system the process runs on. The static members carry the running OS's
/// values (Linux and macOS differ), and <see cref="ToString"/> gives the symbolic name.
/// </summary>
public readonly partial struct Errno : IEquatable<Errno>
{
    /// <summary>Wraps an errno number.</summary>
    /// <param name="value">The OS's errno number.</param>
    public Errno(int value) => Value = value;

    /// <summary>The errno number.</summary>
    public int Value { get; }

    /// <summary>No error (0).</summary>
    public static Errno None => default;

    /// <summary>Reads the errno of the last P/Invoke with <c>SetLastError</c> on this thread, as a socket call left it
    /// on failure. A method, not a property: every P/Invoke the thread makes afterwards changes the answer, so read it
    /// at once after the call that failed.</summary>
    /// <returns>The errno, or <see cref="None"/>.</returns>
    public static Errno Last() => new(Marshal.GetLastPInvokeError());

    /// <summary>The symbolic name (<c>ECONNREFUSED</c>), <c>None</c> for 0, or <c>errno N</c> for a number this table does not know.</summary>
    /// <returns>The name.</returns>
    public override string ToString()
        => Value == 0 ? "None" : ErrnoTable.Find(Value)?.Name ?? $"errno {Value}";

    /// <summary>The text Go prints for this errno on Linux (a <c>syscall.Errno</c>'s <c>Error()</c>), such as
    /// <c>connection refused</c>: the same on every OS, so that reports compare with Go's. A number the table does
    /// not name gets the C library's description with its first letter lowercased, as Go's tables are made, or
    /// <c>errno N</c>.</summary>
    public string Message => ErrnoTable.GoText(Value);

    /// <inheritdoc/>
    public bool Equals(Errno other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Errno other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value;

    /// <summary>Compares two errnos.</summary>
    /// <param name="left">The first errno.</param>
    /// <param name="right">The second errno.</param>
    /// <returns><see langword="true"/> when the numbers are equal.</returns>
    public static bool operator ==(Errno left, Errno right) => left.Value == right.Value;

    /// <summary>Compares two errnos.</summary>
    /// <param name="left">The first errno.</param>
    /// <param name="right">The second errno.</param>
    /// <returns><see langword="true"/> when the numbers differ.</returns>
    public static bool operator !=(Errno left, Errno right) => left.Value != right.Value;
}
