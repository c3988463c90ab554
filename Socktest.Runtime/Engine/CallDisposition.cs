using System.ComponentModel;

namespace Socktest.Engine;

/// <summary>How a call on an existing descriptor goes on after <see cref="SwitchCore.Begin"/>. For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum CallDisposition
{
    /// <summary>The descriptor is tracked and the filter let the call through: make it, then call the matching <c>End</c>.</summary>
    Proceed,

    /// <summary>The descriptor is not tracked: make the call with no filter and no statistics.</summary>
    PassThrough,

    /// <summary>The filter cancelled the call: return <see cref="SwitchCore.Cancel"/>.</summary>
    Cancelled,
}
