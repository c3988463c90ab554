using System;
using System.Runtime.InteropServices;
using Socktest.Engine;
using Socktest.Interop;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

[HookedImport("socket")]
internal readonly unsafe struct SocketCall(int family, int type, int protocol) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForNewSocket();

    public FilterType Type => FilterType.Socket;

    public nint Pass(OriginalSocketCalls originals) => HookRoute.OpenedUnowned((int)Direct(originals, -1));

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.SocketFunction(family, type, protocol);

    public Booking Begin(SwitchCore core) => new(true, null, 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
    {
        route.Owner!.Core.BookSocket(Cookie.Of(family, type, protocol), (int)result);
        route.Opened((int)result);
    }

    public int Run(HookRoute route) => route.Opened(EngineCalls.Run(this, route.Owner!));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginSocket(family, type, protocol, out call) ? CallDisposition.Proceed : CallDisposition.Cancelled;

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndSocket(ref call, result);
}

[HookedImport("connect")]
internal readonly unsafe struct ConnectCall(int fd, byte* address, uint addressLength) : IHookedCall
{
    private const int AfUnspec = 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HookRoute Route()
    {
        if (Dissolves)
        {
            DescriptorAborts.Abort(fd);
        }

        return HookRoute.ForConnect(fd, address, addressLength);
    }

    public FilterType Type => FilterType.Connect;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.ConnectFunction(fd, address, addressLength);

    public Booking Begin(SwitchCore core) => Dissolves ? Booking.None : Booking.Of(core.Tracked(fd));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, route.Connected(fd, address, addressLength, (int)result), CounterKind.Connected, CounterKind.ConnectFailed);

    public int Run(HookRoute route) => Dissolves ? EngineCalls.Made(Direct(route.Originals, -1)) : route.Connected(fd, address, addressLength, EngineCalls.Run(this, route.Owner!));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginConnect(fd, new ReadOnlySpan<byte>(address, address is null ? 0 : (int)addressLength), out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndConnect(ref call, result);

    /// <summary>Socket.Disconnect, and disposal during a blocked receive, dissolve the association with
    /// connect(AF_UNSPEC): not a connection attempt, so it is neither filtered nor counted.</summary>
    private bool Dissolves => address is not null && addressLength >= 2 && *(ushort*)address == AfUnspec;
}

[HookedImport("listen")]
internal readonly unsafe struct ListenCall(int fd, int backlog) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Listen;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.ListenFunction(fd, backlog);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, result, CounterKind.Listened, CounterKind.ListenFailed);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Listen, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndListen(ref call, result);
}

/// <summary><c>accept</c>; the accepted socket inherits a tracked listener's cookie, and is booked even on an
/// untracked listener, since the accepted number changes hands in the owner table either way.</summary>
[HookedImport("accept")]
internal readonly unsafe struct AcceptCall(int fd, byte* address, uint* addressLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Accept;

    public nint Pass(OriginalSocketCalls originals) => HookRoute.AcceptedUnowned((int)Direct(originals, -1));

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.AcceptFunction(fd, address, addressLength);

    public Booking Begin(SwitchCore core) => new(true, core.Tracked(fd), 0);

    public void Book(HookRoute route, in Booking booking, nint result) => route.Accepted(booking, (int)result);

    public int Run(HookRoute route) => route.Opened(EngineCalls.Run(this, route.Owner!));

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Accept, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndAccept(ref call, result);
}

/// <summary><c>accept4</c>, as <see cref="AcceptCall"/>.</summary>
[HookedImport("accept4")]
internal readonly unsafe struct Accept4Call(int fd, byte* address, uint* addressLength, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Accept;

    public nint Pass(OriginalSocketCalls originals) => HookRoute.AcceptedUnowned((int)Direct(originals, -1));

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.Accept4Function(fd, address, addressLength, flags);

    public Booking Begin(SwitchCore core) => new(true, core.Tracked(fd), 0);

    public void Book(HookRoute route, in Booking booking, nint result) => route.Accepted(booking, (int)result);

    public int Run(HookRoute route) => route.Opened(EngineCalls.Run(this, route.Owner!));

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Accept, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndAccept(ref call, result);
}

/// <summary><c>getsockopt</c>: the switch's <c>GetsockoptInt</c> for an int-sized option; structures (SO_LINGER,
/// TCP_INFO, ...) pass straight through.</summary>
[HookedImport("getsockopt")]
internal readonly unsafe struct GetsockoptCall(int fd, int level, int option, void* value, uint* valueLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.GetsockoptInt;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.GetsockoptFunction(fd, level, option, value, valueLength);

    public Booking Begin(SwitchCore core) => IsInt ? Booking.Of(core.Tracked(fd)) : Booking.None;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookGetsockoptInt(booking.Counters!, (int)result, option, ValueRead((int)result));

    public int Run(HookRoute route) => IsInt ? AsPendingError(EngineCalls.Run(this, route.Owner!)) : EngineCalls.Made(Direct(route.Originals, -1));

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.BeginGetsockoptInt(fd, level, option, out call);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Finish(SwitchCore core, ref SwitchCall call, int result)
        => core.EndGetsockoptInt(ref call, result, option, ValueRead(result));

    private bool IsInt => value is not null && valueLength is not null && *valueLength == sizeof(int);

    private int ValueRead(int result) => result < 0 ? 0 : *(int*)value;

    /// <summary>.NET maps a failed SO_ERROR read to a generic SocketError; a connection errno injected there is meant
    /// as the socket's pending error, so it is handed over the way the kernel reports one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AsPendingError(int result)
    {
        if (result >= 0 || level != SocketConstants.SOL_SOCKET || option != SocketConstants.SO_ERROR)
        {
            return result;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EBADF.Value || errno == Errno.ENOTSOCK.Value || errno == Errno.EFAULT.Value
            || errno == Errno.EINVAL.Value || errno == Errno.ENOPROTOOPT.Value)
        {
            return result;
        }

        *(int*)value = errno;
        *valueLength = sizeof(int);
        return 0;
    }
}

[HookedImport("close")]
internal readonly unsafe struct CloseCall(int fd) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForClose(fd);

    public FilterType Type => FilterType.Close;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.CloseFunction(fd);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Booking Begin(SwitchCore core)
        => core.BeginClose(fd, out long generation) is { } counters ? new(true, counters, generation) : Booking.None;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => route.Owner!.Core.BookClose(fd, booking.Generation, booking.Counters!, (int)result);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Close, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndClose(ref call, result);
}

[HookedImport("bind")]
internal readonly unsafe struct BindCall(int fd, byte* address, uint addressLength) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Bind;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.BindFunction(fd, address, addressLength);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookCounted(booking.Counters!, result, CounterKind.Bound, CounterKind.BindFailed);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Bind, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndBind(ref call, result);
}

/// <summary><c>shutdown</c>, which counts nothing: with no filter there is nothing to book.</summary>
[HookedImport("shutdown")]
internal readonly unsafe struct ShutdownCall(int fd, int how) : IHookedCall
{
    // The runtime unblocks a call in flight on a socket it disposes with a shutdown: a filter's wait on it ends.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HookRoute Route()
    {
        DescriptorAborts.Abort(fd);
        return HookRoute.ForDescriptor(fd);
    }

    public FilterType Type => FilterType.Shutdown;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.ShutdownFunction(fd, how);

    public Booking Begin(SwitchCore core) => Booking.None;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
    {
    }

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    public CallDisposition Enter(SwitchCore core, out SwitchCall call) => core.Begin(FilterType.Shutdown, fd, out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndShutdown(ref call, result);
}

/// <summary><c>send</c>: the Send filter sees the length asked for and may cut it.</summary>
[HookedImport("send", ReturnsSize = true)]
internal readonly unsafe struct SendCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Send;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.SendFunction(fd, buffer, EngineCalls.Cut(length, limit), flags);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookTransfer(booking.Counters!, result, CounterKind.BytesSent, CounterKind.SendFailed);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginTransfer(FilterType.Send, fd, EngineCalls.Requested(buffer, length), out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndSend(ref call, result);
}

/// <summary><c>recv</c>: the Recv filter sees the length asked for and may cut it; a peek moves no bytes.</summary>
[HookedImport("recv", ReturnsSize = true)]
internal readonly unsafe struct RecvCall(int fd, byte* buffer, nuint length, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Recv;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => originals.RecvFunction(fd, buffer, EngineCalls.Cut(length, limit), flags);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public void Book(HookRoute route, in Booking booking, nint result) => SwitchCore.BookRecv(booking.Counters!, result, flags);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginTransfer(FilterType.Recv, fd, EngineCalls.Requested(buffer, length), out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndRecv(ref call, result, flags);
}

/// <summary><c>sendmsg</c>: a Send to the engine, whose filter sees the message's total length and may cut it
/// (<see cref="Messages.Transfer"/>).</summary>
[HookedImport("sendmsg", ReturnsSize = true)]
internal readonly unsafe struct SendmsgCall(int fd, MessageHeader* message, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Send;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => Messages.Transfer(originals.SendmsgFunction, fd, message, limit, flags);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Book(HookRoute route, in Booking booking, nint result)
        => SwitchCore.BookTransfer(booking.Counters!, result, CounterKind.BytesSent, CounterKind.SendFailed);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginTransfer(FilterType.Send, fd, Messages.TotalLength(message), out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndSend(ref call, result);
}

/// <summary><c>recvmsg</c>: a Recv to the engine, as <see cref="SendmsgCall"/> is a Send; a peek moves no bytes.</summary>
[HookedImport("recvmsg", ReturnsSize = true)]
internal readonly unsafe struct RecvmsgCall(int fd, MessageHeader* message, int flags) : IHookedCall
{
    public HookRoute Route() => HookRoute.ForDescriptor(fd);

    public FilterType Type => FilterType.Recv;

    public nint Pass(OriginalSocketCalls originals) => Direct(originals, -1);

    public nint Direct(OriginalSocketCalls originals, int limit) => Messages.Transfer(originals.RecvmsgFunction, fd, message, limit, flags);

    public Booking Begin(SwitchCore core) => Booking.Of(core.Tracked(fd));

    public void Book(HookRoute route, in Booking booking, nint result) => SwitchCore.BookRecv(booking.Counters!, result, flags);

    public int Run(HookRoute route) => EngineCalls.Run(this, route.Owner!);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition Enter(SwitchCore core, out SwitchCall call)
        => core.BeginTransfer(FilterType.Recv, fd, Messages.TotalLength(message), out call);

    public int Finish(SwitchCore core, ref SwitchCall call, int result) => core.EndRecv(ref call, result, flags);
}
