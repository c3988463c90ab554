using System;

namespace Socktest;

/// <summary>
/// Marks a partial interface of socket calls for Socktest's source generator. The generator emits a switch
/// (<c>&lt;Name&gt;Switch</c>) that wraps the calls with filters, statistics and a table of open sockets, and
/// adds <c>static Native</c> to the interface, which goes straight to libc.
/// </summary>
/// <remarks>
/// The interface may declare any subset of <c>Socket</c>, <c>Connect</c>, <c>Listen</c>, <c>Accept</c>,
/// <c>Accept4</c>, <c>GetsockoptInt</c> and <c>Close</c>, with the signatures shown in the README.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class SocketSyscallsAttribute : Attribute
{
    /// <summary>
    /// The name of the generated switch class. By default it is the interface's name less a leading
    /// <c>I</c>, plus <c>Switch</c> (<c>ISocketCalls</c> gives <c>SocketCallsSwitch</c>).
    /// </summary>
    public string? SwitchName { get; set; }
}
