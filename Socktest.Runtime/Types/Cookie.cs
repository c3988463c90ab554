using System;
using Socktest.Engine;

namespace Socktest;

/// <summary>
/// A socket's (family, type, protocol) triple packed into 64 bits exactly as Go's socktest packs it:
/// <c>family &lt;&lt; 48 | (type &amp; 0xffffffff) &lt;&lt; 16 | protocol &amp; 0xff</c>.
/// </summary>
public readonly struct Cookie : IEquatable<Cookie>, IComparable<Cookie>
{
    /// <summary>Wraps a packed value.</summary>
    /// <param name="value">The packed cookie.</param>
    public Cookie(ulong value) => Value = value;

    /// <summary>The packed value.</summary>
    public ulong Value { get; }

    /// <summary>The address family (the top 16 bits).</summary>
    public int Family => (int)(Value >> 48);

    /// <summary>The socket type, flags included (bits 16 to 47).</summary>
    public int Type => (int)(uint)(Value >> 16);

    /// <summary>The protocol number (the low 8 bits).</summary>
    public int Protocol => (int)(Value & 0xff);

    /// <summary>Packs a (family, type, protocol) triple.</summary>
    /// <param name="family">The address family, such as AF_INET.</param>
    /// <param name="type">The socket type, flags included, such as SOCK_STREAM | SOCK_CLOEXEC.</param>
    /// <param name="protocol">The protocol number; only its low 8 bits are kept, as in Go.</param>
    /// <returns>The cookie.</returns>
    public static Cookie Of(int family, int type, int protocol)
        => new(((ulong)(long)family << 48) | (((ulong)(long)type & 0xffffffff) << 16) | ((ulong)(long)protocol & 0xff));

    /// <inheritdoc/>
    public bool Equals(Cookie other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Cookie other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Cookie other) => Value.CompareTo(other.Value);

    /// <summary>Compares two cookies.</summary>
    /// <param name="left">The first cookie.</param>
    /// <param name="right">The second cookie.</param>
    /// <returns><see langword="true"/> when both pack the same triple.</returns>
    public static bool operator ==(Cookie left, Cookie right) => left.Value == right.Value;

    /// <summary>Compares two cookies.</summary>
    /// <param name="left">The first cookie.</param>
    /// <param name="right">The second cookie.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(Cookie left, Cookie right) => left.Value != right.Value;

    /// <summary>Go's rendering of the triple, such as <c>(inet4, stream, tcp)</c>.</summary>
    /// <returns>The triple's names.</returns>
    public override string ToString() => SocketNames.Triple(Family, Type, Protocol);
}
