namespace Socktest.Infrastructure;

/// <summary>The mutable counters of one cookie; only touched under the switch's lock.</summary>
internal sealed class StatCounters
{
    internal ulong Opened;
    internal ulong Connected;
    internal ulong Listened;
    internal ulong Accepted;
    internal ulong Closed;
    internal ulong OpenFailed;
    internal ulong ConnectFailed;
    internal ulong ListenFailed;
    internal ulong AcceptFailed;
    internal ulong CloseFailed;

    internal Stat Snapshot(Cookie cookie) => new()
    {
        Family = cookie.Family,
        Type = cookie.Type,
        Protocol = cookie.Protocol,
        Opened = Opened,
        Connected = Connected,
        Listened = Listened,
        Accepted = Accepted,
        Closed = Closed,
        OpenFailed = OpenFailed,
        ConnectFailed = ConnectFailed,
        ListenFailed = ListenFailed,
        AcceptFailed = AcceptFailed,
        CloseFailed = CloseFailed,
    };
}
