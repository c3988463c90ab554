using System.Globalization;
using Socktest.Engine;

namespace Socktest;

/// <summary>An immutable snapshot of the statistics of one cookie (family, type, protocol).</summary>
public sealed record Stat
{
    /// <summary>The address family.</summary>
    public int Family { get; init; }

    /// <summary>The socket type, flags included.</summary>
    public int Type { get; init; }

    /// <summary>The protocol number.</summary>
    public int Protocol { get; init; }

    /// <summary>Sockets opened.</summary>
    public ulong Opened { get; init; }

    /// <summary>Sockets connected (by <c>Connect</c>, or by <c>GetsockoptInt(SO_ERROR)</c> reading 0 or EISCONN).</summary>
    public ulong Connected { get; init; }

    /// <summary>Sockets listened.</summary>
    public ulong Listened { get; init; }

    /// <summary>Sockets accepted.</summary>
    public ulong Accepted { get; init; }

    /// <summary>Sockets closed.</summary>
    public ulong Closed { get; init; }

    /// <summary>Socket calls the kernel failed.</summary>
    public ulong OpenFailed { get; init; }

    /// <summary>Connect calls the kernel failed (EINPROGRESS included, as in Go).</summary>
    public ulong ConnectFailed { get; init; }

    /// <summary>Listen calls the kernel failed.</summary>
    public ulong ListenFailed { get; init; }

    /// <summary>Accept calls the kernel failed.</summary>
    public ulong AcceptFailed { get; init; }

    /// <summary>Close calls the kernel failed.</summary>
    public ulong CloseFailed { get; init; }

    /// <summary>Bind calls that succeeded (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong Bound { get; init; }

    /// <summary>Bind calls the kernel failed, such as with EADDRINUSE (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong BindFailed { get; init; }

    /// <summary>Bytes that Send calls sent, as the kernel reported them (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong BytesSent { get; init; }

    /// <summary>Bytes that Recv calls received, as the kernel reported them (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong BytesReceived { get; init; }

    /// <summary>Send calls the kernel failed, EAGAIN included (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong SendFailed { get; init; }

    /// <summary>Recv calls the kernel failed, EAGAIN included (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong RecvFailed { get; init; }

    /// <summary>Sockets opened before this switch saw them and handed to it (<see cref="SocketScope.Track"/>): from
    /// then on their calls count here, their close included, so that <c>Opened + Accepted + Adopted = Closed +</c>
    /// the sockets still open, summed over the cookies (beyond Go; not in <see cref="ToString"/>).</summary>
    public ulong Adopted { get; init; }

    /// <summary>The cookie these statistics belong to.</summary>
    public Cookie Cookie => Cookie.Of(Family, Type, Protocol);

    /// <summary>Go's exact text, such as
    /// <c>(inet4, stream, tcp): opened=1 connected=0 listened=0 accepted=0 closed=1 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0</c>.</summary>
    /// <returns>The statistics as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{SocketNames.Triple(Family, Type, Protocol)}: opened={Opened} connected={Connected} listened={Listened} accepted={Accepted} closed={Closed} openfailed={OpenFailed} connectfailed={ConnectFailed} listenfailed={ListenFailed} acceptfailed={AcceptFailed} closefailed={CloseFailed}");
}
