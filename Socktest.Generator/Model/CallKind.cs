namespace Socktest.Generator.Model;

/// <summary>The seven socket calls a [SocketSyscalls] interface may declare.</summary>
internal enum CallKind
{
    Socket,
    Connect,
    Listen,
    Accept,
    Accept4,
    GetsockoptInt,
    Close,
}
