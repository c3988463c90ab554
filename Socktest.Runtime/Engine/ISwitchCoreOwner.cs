using System.ComponentModel;

namespace Socktest.Engine;

/// <summary>
/// A switch backed by a <see cref="SwitchCore"/>: every switch Socktest makes (generated, installed, scope). The test
/// kit reaches the engine through it for what <see cref="ISocketSwitch"/> does not carry: the filter in place
/// (<c>Use</c>), the trace, open sites. Generated code implements it; a hand-written switch that wraps one of
/// Socktest's may implement it by returning the wrapped switch's core.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISwitchCoreOwner
{
    /// <summary>The engine behind this switch, or <see langword="null"/> when it has none.</summary>
    SwitchCore? Core { get; }
}
