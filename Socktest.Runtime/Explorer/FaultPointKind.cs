namespace Socktest;

/// <summary>The kind of call a <see cref="FaultPoint"/> is: one of the socket calls of <see cref="FilterType"/> (same
/// names and values), or a host-name lookup.</summary>
public enum FaultPointKind
{
    /// <summary>Opening a socket (<c>socket</c>).</summary>
    Socket = FilterType.Socket,

    /// <summary>A connect.</summary>
    Connect = FilterType.Connect,

    /// <summary>A listen.</summary>
    Listen = FilterType.Listen,

    /// <summary>An accept that took a connection.</summary>
    Accept = FilterType.Accept,

    /// <summary>An <c>int</c>-sized <c>getsockopt</c>, such as the <c>SO_ERROR</c> read that ends a connect.</summary>
    GetsockoptInt = FilterType.GetsockoptInt,

    /// <summary>A close.</summary>
    Close = FilterType.Close,

    /// <summary>A bind.</summary>
    Bind = FilterType.Bind,

    /// <summary>A send that moved bytes.</summary>
    Send = FilterType.Send,

    /// <summary>A receive that moved bytes.</summary>
    Recv = FilterType.Recv,

    /// <summary>A shutdown.</summary>
    Shutdown = FilterType.Shutdown,

    /// <summary>A host-name lookup (<c>getaddrinfo</c>).</summary>
    HostLookup,
}
