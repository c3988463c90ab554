namespace Socktest;

/// <summary>The kind of socket call a filter applies to, in the order of Go's socktest.</summary>
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
}
