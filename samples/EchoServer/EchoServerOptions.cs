using System;

namespace Socktest.Samples.Echo;

/// <summary>Tuning for <see cref="EchoServer"/>; the defaults follow Go's HTTP server.</summary>
public sealed record EchoServerOptions
{
    /// <summary>The first delay after an EMFILE/ENFILE accept error (Go: 5 ms).</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest delay between accepts while the errors go on (Go: 1 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a waiting accept loop or connection looks at the shutdown flag.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; init; } = 128;
}
