using System;
using System.Runtime.InteropServices;
using Socktest.Engine;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>One intercepted libc call with its native arguments, made through a <see cref="HookRoute"/>. A struct per
/// call, so that <see cref="HookEntryPoints"/> runs every one through the same guard without a delegate or an
/// allocation.</summary>
internal interface IHookedCall
{
    /// <summary>Where the call goes: decided by its descriptor, or for a new socket by the calling flow.</summary>
    HookRoute Route();

    /// <summary>Makes the call through the route's switch; on failure the errno is in
    /// <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    int Run(HookRoute route);

    /// <summary>Makes the call straight to libc, for a socket no switch owns: libc's result, and libc's errno left as
    /// it is.</summary>
    nint Pass(OriginalSocketCalls originals);

    /// <summary>The kind of call: when the route's switch has no filter of this type (and records no trace), the hook
    /// makes the call itself and books it (see <see cref="SwitchCore.Unfiltered"/>).</summary>
    FilterType Type { get; }

    /// <summary>Before an unfiltered call: looks up what its booking needs, as the switch's <c>Begin</c> would (a
    /// close marks its socket closing here). Cannot throw.</summary>
    Booking Begin(SwitchCore core);

    /// <summary>Makes the call straight to libc with the caller's own arguments.</summary>
    nint Direct(OriginalSocketCalls originals);

    /// <summary>Books an unfiltered call as the switch's <c>End</c> would; called only when <see cref="Begin"/>'s
    /// booking <see cref="Booking.Books"/>.</summary>
    void Book(HookRoute route, in Booking booking, nint result);
}

[HookedImport("socket")]
internal readonly unsafe struct SocketCall(int family, int type, int protocol) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForNewSocket();

    public nint Pass(OriginalSocketCalls originals) => HookRoute.OpenedUnowned((int)Direct(originals));

    public int Run(HookRoute route) => route.Opened(route.Switch.Socket(family, type, protocol));

    public FilterType Type => FilterType.Socket;

    public Booking Begin(SwitchCore core) => new(true, null, 0);

    public nint Direct(OriginalSocketCalls originals) => originals.SocketFunction(family, type, protocol);

    public void Book(HookRoute route, in Booking booking, nint result)
    {
        route.Owner!.Core.BookSocket(Cookie.Of(family, type, protocol), (int)result);
        route.Opened((int)result);
    }
}

[HookedImport("connect")]
internal readonly unsafe struct ConnectCall(int fd, byte* address, uint addressLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    private const int AfUnspec = 0;

    public int Run(HookRoute route)
    {
        var span = new ReadOnlySpan<byte>(address, address is null ? 0 : (int)addressLength);

        // Socket.Disconnect, and disposal during a blocked receive, dissolve the association with
        // connect(AF_UNSPEC): not a connection attempt, so it is neither filtered nor counted.
        bool dissolve = span.Length >= 2 && MemoryMarshal.Read<ushort>(span) == AfUnspec;
        return dissolve ? route.Originals.Connect(fd, span) : route.Switch.Connect(fd, span);
    }

    public FilterType Type => FilterType.Connect;

    public Booking Begin(SwitchCore core)
        => address is not null && addressLength >= 2 && *(ushort*)address == AfUnspec ? Booking.None : Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.ConnectFunction(fd, address, addressLength);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, result, CounterKind.Connected, CounterKind.ConnectFailed);
}

[HookedImport("listen")]
internal readonly unsafe struct ListenCall(int fd, int backlog) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route) => route.Switch.Listen(fd, backlog);

    public FilterType Type => FilterType.Listen;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.ListenFunction(fd, backlog);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, result, CounterKind.Listened, CounterKind.ListenFailed);
}

[HookedImport("accept")]
internal readonly unsafe struct AcceptCall(int fd, byte* address, uint* addressLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => HookRoute.OpenedUnowned((int)Direct(originals));

    public int Run(HookRoute route)
    {
        var peer = new PeerSpan(address, addressLength);
        return route.Opened(peer.Complete(route.Switch.Accept(fd, peer.Span, out int length), length));
    }

    public FilterType Type => FilterType.Accept;

    // Booked even on an untracked listener: the accepted number changes hands in the owner table either way.
    public Booking Begin(SwitchCore core) => new(true, core.Tracked(fd), 0);

    public nint Direct(OriginalSocketCalls originals) => originals.AcceptFunction(fd, address, addressLength);

    public void Book(HookRoute route, in Booking booking, nint result) => AcceptCall.Booked(route, booking, (int)result);

    /// <summary>Books an accept or accept4: the accepted socket inherits a tracked listener's cookie.</summary>
    internal static void Booked(HookRoute route, in Booking booking, int fd)
    {
        if (booking.Counters is { } listener)
        {
            route.Owner!.Core.BookAccept(listener, fd);
        }

        route.Opened(fd);
    }
}

[HookedImport("accept4")]
internal readonly unsafe struct Accept4Call(int fd, byte* address, uint* addressLength, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => HookRoute.OpenedUnowned((int)Direct(originals));

    public int Run(HookRoute route)
    {
        var peer = new PeerSpan(address, addressLength);
        return route.Opened(peer.Complete(route.Switch.Accept4(fd, peer.Span, out int length, flags), length));
    }

    public FilterType Type => FilterType.Accept;

    public Booking Begin(SwitchCore core) => new(true, core.Tracked(fd), 0);

    public nint Direct(OriginalSocketCalls originals) => originals.Accept4Function(fd, address, addressLength, flags);

    public void Book(HookRoute route, in Booking booking, nint result) => AcceptCall.Booked(route, booking, (int)result);
}

[HookedImport("getsockopt")]
internal readonly unsafe struct GetsockoptCall(int fd, int level, int option, void* value, uint* valueLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route)
    {
        if (!IsInt)
        {
            return route.Originals.GetsockoptFunction(fd, level, option, value, valueLength);
        }

        int result = route.Switch.GetsockoptInt(fd, level, option, out int read);
        if (result < 0 && IsPendingSocketError(Marshal.GetLastPInvokeError()))
        {
            // .NET maps a failed SO_ERROR read to a generic SocketError; a connection errno injected there is
            // meant as the socket's pending error, so hand it over the way the kernel reports one.
            read = Marshal.GetLastPInvokeError();
            result = 0;
        }

        if (result >= 0)
        {
            *(int*)value = read;
            *valueLength = sizeof(int);
        }

        return result;
    }

    public FilterType Type => FilterType.GetsockoptInt;

    public Booking Begin(SwitchCore core) => IsInt ? Booking.Of(core.Tracked(fd)) : Booking.None;

    public nint Direct(OriginalSocketCalls originals) => originals.GetsockoptFunction(fd, level, option, value, valueLength);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookGetsockoptInt(booking.Counters!, (int)result, option, result < 0 ? 0 : *(int*)value);

    /// <summary>Whether the option is int-sized, as <c>GetsockoptInt</c> reads it; structures (SO_LINGER, TCP_INFO,
    /// ...) pass straight through.</summary>
    private bool IsInt => value is not null && valueLength is not null && *valueLength == sizeof(int);

    /// <summary>Whether a failed <c>getsockopt(SOL_SOCKET, SO_ERROR)</c> carries a connection error rather than one
    /// of the errors only the call itself can raise.</summary>
    private bool IsPendingSocketError(int errno)
        => level == SocketConstants.SOL_SOCKET && option == SocketConstants.SO_ERROR
           && errno != Errno.EBADF.Value && errno != Errno.ENOTSOCK.Value && errno != Errno.EFAULT.Value
           && errno != Errno.EINVAL.Value && errno != Errno.ENOPROTOOPT.Value;
}

[HookedImport("close")]
internal readonly unsafe struct CloseCall(int fd) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForClose(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route) => route.Switch.Close(fd);

    public FilterType Type => FilterType.Close;

    public Booking Begin(SwitchCore core)
        => core.BeginClose(fd, out long generation) is { } counters ? new(true, counters, generation) : Booking.None;

    public nint Direct(OriginalSocketCalls originals) => originals.CloseFunction(fd);

    public void Book(HookRoute route, in Booking booking, nint result)
        => route.Owner!.Core.BookClose(fd, booking.Generation, booking.Counters!, (int)result);
}

[HookedImport("bind")]
internal readonly unsafe struct BindCall(int fd, byte* address, uint addressLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route) => route.Switch.Bind(fd, new ReadOnlySpan<byte>(address, address is null ? 0 : (int)addressLength));

    public FilterType Type => FilterType.Bind;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.BindFunction(fd, address, addressLength);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, result, CounterKind.Bound, CounterKind.BindFailed);
}

[HookedImport("shutdown")]
internal readonly unsafe struct ShutdownCall(int fd, int how) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route) => route.Switch.Shutdown(fd, how);

    public FilterType Type => FilterType.Shutdown;

    // A shutdown counts nothing: with no filter there is nothing to book.
    public Booking Begin(SwitchCore core) => Booking.None;

    public nint Direct(OriginalSocketCalls originals) => originals.ShutdownFunction(fd, how);

    public void Book(HookRoute route, in Booking booking, nint result)
    {
    }
}

/// <summary><c>send</c>: the switch's <c>Send</c>, with no message pending on this thread (a filter's own call, made
/// while a <c>sendmsg</c> is in the switch, is never taken for that message). A length beyond
/// <see cref="int.MaxValue"/> is sent in part, as the kernel itself would.</summary>
[HookedImport("send", ReturnsSize = true)]
internal readonly unsafe struct SendCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route)
    {
        using var plain = PendingMessage.Enter(null);
        return route.Switch.Send(fd, new ReadOnlySpan<byte>(buffer, Length(buffer, length)), flags);
    }

    public FilterType Type => FilterType.Send;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.SendFunction(fd, buffer, length, flags);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookTransfer(booking.Counters!, result, CounterKind.BytesSent, CounterKind.SendFailed);

    internal static int Length(byte* buffer, nuint length) => buffer is null ? 0 : (int)Math.Min(length, (nuint)int.MaxValue);
}

/// <summary><c>recv</c>: the switch's <c>Recv</c>, as <see cref="SendCall"/>.</summary>
[HookedImport("recv", ReturnsSize = true)]
internal readonly unsafe struct RecvCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route)
    {
        using var plain = PendingMessage.Enter(null);
        return route.Switch.Recv(fd, new Span<byte>(buffer, SendCall.Length(buffer, length)), flags);
    }

    public FilterType Type => FilterType.Recv;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.RecvFunction(fd, buffer, length, flags);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookRecv(booking.Counters!, result, flags);
}

/// <summary><c>sendmsg</c>: the switch's <c>Send</c> over a span that stands for the message (see
/// <see cref="PendingMessage"/>), so the Send filter sees the buffers' total length and may cut it.</summary>
[HookedImport("sendmsg", ReturnsSize = true)]
internal readonly unsafe struct SendmsgCall(int fd, MessageHeader* message, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route)
    {
        using var pending = PendingMessage.Enter(message);
        return route.Switch.Send(fd, PendingMessage.Span(message), flags);
    }

    public FilterType Type => FilterType.Send;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.SendmsgFunction(fd, message, flags);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookTransfer(booking.Counters!, result, CounterKind.BytesSent, CounterKind.SendFailed);
}

/// <summary><c>recvmsg</c>: the switch's <c>Recv</c>, as <see cref="SendmsgCall"/>.</summary>
[HookedImport("recvmsg", ReturnsSize = true)]
internal readonly unsafe struct RecvmsgCall(int fd, MessageHeader* message, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public nint Pass(OriginalSocketCalls originals) => Direct(originals);

    public int Run(HookRoute route)
    {
        using var pending = PendingMessage.Enter(message);
        return route.Switch.Recv(fd, PendingMessage.Span(message), flags);
    }

    public FilterType Type => FilterType.Recv;

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public nint Direct(OriginalSocketCalls originals) => originals.RecvmsgFunction(fd, message, flags);

    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookRecv(booking.Counters!, result, flags);
}

/// <summary>The caller's <c>sockaddr</c> buffer of an accept, as a span, and the length written back on success.</summary>
internal readonly unsafe ref struct PeerSpan(byte* address, uint* addressLength)
{
    public Span<byte> Span => new(address, address is null || addressLength is null ? 0 : (int)*addressLength);

    public int Complete(int result, int length)
    {
        if (result >= 0 && address is not null && addressLength is not null && *addressLength > 0)
        {
            *addressLength = (uint)length;
        }

        return result;
    }
}
