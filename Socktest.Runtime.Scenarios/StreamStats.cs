using System.Linq;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>Reads a process-wide switch's statistics for the sockets a test makes: TCP over IPv4 or IPv6, leaving out
/// the runtime's own probe sockets (datagram) and anything local.</summary>
public static class StreamStats
{
    public static Stat Of(ISocketSwitch sockets, int family)
        => sockets.Stats().Where(s => s.Family == family && IsStream(s.Type))
               .Aggregate(new Stat { Family = family, Type = SocketConstants.SOCK_STREAM }, Add);

    /// <summary>IPv4 and IPv6 together: HttpClient dials from dual-mode IPv6 sockets even to an IPv4 address.</summary>
    public static Stat OfInternet(ISocketSwitch sockets)
        => Add(Of(sockets, SocketConstants.AF_INET), Of(sockets, SocketConstants.AF_INET6));

    /// <summary>Checks that each side counted received exactly the bytes the other side sent, for a switch that sees
    /// both ends of every connection: HttpClient's dual-mode IPv6 sockets on one side, a server on 127.0.0.1 (IPv4)
    /// on the other. A receive with MSG_PEEK (.NET's zero-byte reads, Kestrel's wait for each request) moves nothing
    /// and must count nothing, so there is no allowance for it.</summary>
    public static void CheckEachByteReceivedOnce(ISocketSwitch sockets)
    {
        Stat client = Of(sockets, SocketConstants.AF_INET6);
        Stat server = Of(sockets, SocketConstants.AF_INET);
        Check.Equal(client.BytesSent, server.BytesReceived, "bytes the server received, against the bytes the client sent");
        Check.Equal(server.BytesSent, client.BytesReceived, "bytes the client received, against the bytes the server sent");
    }

    public static int OpenCount(ISocketSwitch sockets, int family)
        => sockets.Sockets().Values.Count(s => s.Cookie.Family == family && IsStream(s.Cookie.Type));

    public static int OpenInternetCount(ISocketSwitch sockets)
        => OpenCount(sockets, SocketConstants.AF_INET) + OpenCount(sockets, SocketConstants.AF_INET6);

    private static bool IsStream(int type) => (type & 0xff) == SocketConstants.SOCK_STREAM;

    private static Stat Add(Stat sum, Stat next) => sum with
    {
        Opened = sum.Opened + next.Opened,
        Connected = sum.Connected + next.Connected,
        Listened = sum.Listened + next.Listened,
        Accepted = sum.Accepted + next.Accepted,
        Closed = sum.Closed + next.Closed,
        OpenFailed = sum.OpenFailed + next.OpenFailed,
        ConnectFailed = sum.ConnectFailed + next.ConnectFailed,
        ListenFailed = sum.ListenFailed + next.ListenFailed,
        AcceptFailed = sum.AcceptFailed + next.AcceptFailed,
        CloseFailed = sum.CloseFailed + next.CloseFailed,
        Bound = sum.Bound + next.Bound,
        BindFailed = sum.BindFailed + next.BindFailed,
        BytesSent = sum.BytesSent + next.BytesSent,
        BytesReceived = sum.BytesReceived + next.BytesReceived,
        SendFailed = sum.SendFailed + next.SendFailed,
        RecvFailed = sum.RecvFailed + next.RecvFailed,
        Adopted = sum.Adopted + next.Adopted,
    };
}
