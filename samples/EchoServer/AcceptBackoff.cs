using System;

namespace Socktest.Samples.Echo;

/// <summary>
/// The delay before the next accept after a resource error, as in Go's <c>http.Server.Serve</c>: the first is
/// <see cref="Minimum"/>, each next one doubles, none exceeds <see cref="Maximum"/>, and a successful accept resets it.
/// </summary>
internal sealed class AcceptBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private TimeSpan _current = TimeSpan.Zero;

    public TimeSpan Minimum { get; } = minimum;

    public TimeSpan Maximum { get; } = maximum;

    /// <summary>The delay to wait now.</summary>
    public TimeSpan Next()
    {
        _current = _current == TimeSpan.Zero ? Minimum : _current * 2;
        if (_current > Maximum)
        {
            _current = Maximum;
        }

        return _current;
    }

    /// <summary>Starts over after a successful accept.</summary>
    public void Reset() => _current = TimeSpan.Zero;
}
