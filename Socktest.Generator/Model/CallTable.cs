using System.Collections.Generic;
using System.Linq;

namespace Socktest.Generator.Model;

/// <summary>
/// The socket calls a [SocketSyscalls] interface may declare, one row each. Adding a call is a row here, its method on
/// <c>Socktest.Interop.Libc</c>, and its rule in the engine (<c>SwitchCore</c>); CallTableTests checks that the three
/// agree.
/// </summary>
internal static class CallTable
{
    private static readonly CallParameter Fd = Int("fd");

    public static readonly CallDescription Socket = Row(
        "Socket", [Int("family"), Int("type"), Int("protocol")], "Socket", CallOpening.NewSocket, "EndSocket", creates: true);

    // The filter sees the destination (Status.Peer).
    public static readonly CallDescription Connect = Row(
        "Connect", [Fd, new("address", ParameterType.ReadOnlySpan, IsOut: false)], "Connect", CallOpening.OnDescriptor, "EndConnect",
        beginArguments: [1]);

    public static readonly CallDescription Listen = Row(
        "Listen", [Fd, Int("backlog")], "Listen", CallOpening.OnDescriptor, "EndListen");

    public static readonly CallDescription Accept = Row(
        "Accept", [Fd, PeerAddress, AddressLength], "Accept", CallOpening.OnDescriptor, "EndAccept", creates: true);

    public static readonly CallDescription Accept4 = Row(
        "Accept4", [Fd, PeerAddress, AddressLength, Int("flags")], "Accept", CallOpening.OnDescriptor, "EndAccept", creates: true);

    // The filter sees the level and the option (Status.Level, Status.Option); the engine reads the option and the value
    // back: SO_ERROR reading 0 or EISCONN counts as connected.
    public static readonly CallDescription GetsockoptInt = Row(
        "GetsockoptInt", [Fd, Int("level"), Int("option"), new("value", ParameterType.Int, IsOut: true)], "GetsockoptInt",
        CallOpening.OnDescriptor, "EndGetsockoptInt", endArguments: [2, 3], beginArguments: [1, 2]);

    public static readonly CallDescription Close = Row(
        "Close", [Fd], "Close", CallOpening.OnDescriptor, "EndClose", closes: true);

    public static readonly CallDescription Bind = Row(
        "Bind", [Fd, new("address", ParameterType.ReadOnlySpan, IsOut: false)], "Bind", CallOpening.OnDescriptor, "EndBind");

    // A data call: the filter sees the buffer's length and may cut it short (FilterResult.Limit). Recv's End also gets
    // the flags: a receive with MSG_PEEK moves no bytes and counts none.
    public static readonly CallDescription Send = Row(
        "Send", [Fd, new("buffer", ParameterType.ReadOnlySpan, IsOut: false), Int("flags")], "Send", CallOpening.Transfer, "EndSend",
        buffer: 1);

    public static readonly CallDescription Recv = Row(
        "Recv", [Fd, new("buffer", ParameterType.Span, IsOut: false), Int("flags")], "Recv", CallOpening.Transfer, "EndRecv",
        endArguments: [2], buffer: 1);

    public static readonly CallDescription Shutdown = Row(
        "Shutdown", [Fd, Int("how")], "Shutdown", CallOpening.OnDescriptor, "EndShutdown");

    /// <summary>Every call, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<CallDescription> All =
        [Socket, Connect, Listen, Accept, Accept4, GetsockoptInt, Close, Bind, Send, Recv, Shutdown];

    /// <summary>The calls by name.</summary>
    public static readonly IReadOnlyDictionary<string, CallDescription> ByName = All.ToDictionary(call => call.Name);

    private static CallParameter PeerAddress => new("address", ParameterType.Span, IsOut: false);

    private static CallParameter AddressLength => new("addressLength", ParameterType.Int, IsOut: true);

    private static CallParameter Int(string name) => new(name, ParameterType.Int, IsOut: false);

    private static CallDescription Row(
        string name, CallParameter[] parameters, string filterType, CallOpening opening, string endMethod,
        int[]? endArguments = null, bool creates = false, bool closes = false, int buffer = -1, int[]? beginArguments = null)
        => new(
            name, parameters.ToEquatableArray(), filterType, opening, endMethod, (endArguments ?? []).ToEquatableArray(), creates, closes,
            buffer, (beginArguments ?? []).ToEquatableArray());
}
