namespace Socktest;

/// <summary>The kind of socket call a filter applies to: Go's six in Go's order (their values are Go's), then the calls
/// beyond Go.</summary>
public enum FilterType
{
    /// <summary>Filters <c>Socket</c>.</summary>
    Socket,

    /// <summary>Filters <c>Connect</c>.</summary>
    Connect,

    /// <summary>Filters <c>Listen</c>.</summary>
    Listen,

    /// <summary>Filters <c>Accept</c> and <c>Accept4</c>.</summary>
    Accept,

    /// <summary>Filters <c>GetsockoptInt</c>.</summary>
    GetsockoptInt,

    /// <summary>Filters <c>Close</c>.</summary>
    Close,

    /// <summary>Filters <c>Bind</c> (beyond Go).</summary>
    Bind,

    /// <summary>Filters <c>Send</c> (beyond Go); a filter may cut the write short with <see cref="FilterResult.Limit(int)"/>.
    /// The process-wide switch routes <c>send</c> and <c>sendmsg</c> here.</summary>
    Send,

    /// <summary>Filters <c>Recv</c> (beyond Go); a filter may cut the read short with <see cref="FilterResult.Limit(int)"/>.
    /// The process-wide switch routes <c>recv</c> and <c>recvmsg</c> here.</summary>
    Recv,

    /// <summary>Filters <c>Shutdown</c> (beyond Go).</summary>
    Shutdown,
}
