using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace Socktest;

/// <summary>A place in a scenario's run where a fault can go, named so that a rerun of the scenario finds it again:
/// the kind of call, which socket it is on, and which call of that kind on that socket (for data calls, the byte
/// offset on the socket in that direction). Two points are equal when a rerun would take them for the same place:
/// by kind, socket ordinal, and ordinal (data calls: byte offset; lookups: host name and ordinal); the peer is only
/// said, since an accepted socket's peer port changes from run to run.</summary>
public sealed class FaultPoint : IEquatable<FaultPoint>
{
    /// <summary>Creates a point.</summary>
    /// <param name="kind">The kind of call.</param>
    /// <param name="ordinal">Which call of that kind, 1-based: for <see cref="FaultPointKind.Socket"/> among the run's
    /// socket calls; for a lookup among the lookups of <paramref name="hostName"/>; for an accept among the accepts on
    /// its listener that took a connection; for a send or receive among those on its socket that moved bytes; else
    /// among the calls of that kind on its socket.</param>
    /// <param name="socketOrdinal">The socket the call is on (<see cref="Status.SocketOrdinal"/>: 1 is the first socket
    /// the run opened or accepted; a listener's for an accept); 0 for socket calls and lookups.</param>
    /// <param name="byteOffset">For a send or receive, how many bytes the socket had moved in that direction before the
    /// call; 0 otherwise.</param>
    /// <param name="peer">The socket's peer (a connect's destination), if known.</param>
    /// <param name="hostName">For a lookup, the name looked up.</param>
    /// <exception cref="ArgumentOutOfRangeException">An ordinal below 1, or a negative socket ordinal or offset.</exception>
    /// <exception cref="ArgumentException">A lookup without a host name.</exception>
    public FaultPoint(FaultPointKind kind, int ordinal, long socketOrdinal = 0, long byteOffset = 0, EndPoint? peer = null, string? hostName = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(socketOrdinal);
        ArgumentOutOfRangeException.ThrowIfNegative(byteOffset);
        if (kind == FaultPointKind.HostLookup && string.IsNullOrEmpty(hostName))
        {
            throw new ArgumentException("A lookup point needs the host name it looks up.", nameof(hostName));
        }

        Kind = kind;
        Ordinal = ordinal;
        SocketOrdinal = socketOrdinal;
        ByteOffset = byteOffset;
        Peer = peer;
        HostName = hostName;
    }

    /// <summary>The kind of call.</summary>
    public FaultPointKind Kind { get; }

    /// <summary>Which call of its kind, 1-based (see the constructor).</summary>
    public int Ordinal { get; }

    /// <summary>The socket the call is on (<see cref="Status.SocketOrdinal"/>), 0 for socket calls and lookups.</summary>
    public long SocketOrdinal { get; }

    /// <summary>For a send or receive, the bytes its socket had moved in that direction before it.</summary>
    public long ByteOffset { get; }

    /// <summary>The socket's peer, if known; not part of the point's identity.</summary>
    public EndPoint? Peer { get; }

    /// <summary>For a lookup, the name looked up.</summary>
    public string? HostName { get; }

    /// <summary>Whether the point is on the data path (a send or receive), named by its byte offset.</summary>
    public bool IsData => Kind is FaultPointKind.Send or FaultPointKind.Recv;

    /// <inheritdoc/>
    public bool Equals(FaultPoint? other)
        => other is not null
            && Kind == other.Kind
            && SocketOrdinal == other.SocketOrdinal
            && (IsData ? ByteOffset == other.ByteOffset : Ordinal == other.Ordinal)
            && string.Equals(HostName, other.HostName, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FaultPoint);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Kind, SocketOrdinal, IsData ? ByteOffset : Ordinal, HostName is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(HostName));

    /// <summary>The point as a schedule line writes it: <c>connect#1@s2&lt;127.0.0.1:5000&gt;</c>,
    /// <c>recv#3@s2+17</c>, <c>socket#1</c>, <c>lookup#1&lt;api.example.test&gt;</c>.</summary>
    /// <returns>The text, which <see cref="FaultSchedule.Parse"/> reads back.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(KindName(Kind)).Append('#').Append(Ordinal.ToString(CultureInfo.InvariantCulture));
        if (SocketOrdinal > 0)
        {
            text.Append("@s").Append(SocketOrdinal.ToString(CultureInfo.InvariantCulture));
        }

        if (IsData)
        {
            text.Append('+').Append(ByteOffset.ToString(CultureInfo.InvariantCulture));
        }

        string? where = HostName ?? Peer?.ToString();
        if (where is not null)
        {
            text.Append('<').Append(where).Append('>');
        }

        return text.ToString();
    }

    /// <summary>The lower-case name a schedule line gives a kind.</summary>
    internal static string KindName(FaultPointKind kind) => kind switch
    {
        FaultPointKind.HostLookup => "lookup",
        FaultPointKind.GetsockoptInt => "getsockopt",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind a schedule line's name stands for.</summary>
    internal static FaultPointKind? KindNamed(string name)
    {
        for (var kind = FaultPointKind.Socket; kind <= FaultPointKind.HostLookup; kind++)
        {
            if (KindName(kind) == name)
            {
                return kind;
            }
        }

        return null;
    }
}
