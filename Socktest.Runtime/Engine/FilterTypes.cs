using System;

namespace Socktest.Engine;

/// <summary>What the engine derives from <see cref="FilterType"/>'s members, so that a call added there needs no count
/// or name written again elsewhere.</summary>
internal static class FilterTypes
{
    /// <summary>How many kinds of call there are. The members run from 0 without gaps, so a valid
    /// <see cref="FilterType"/> is below this and indexes a table of this length.</summary>
    internal static readonly int Count = Enum.GetValues<FilterType>().Length;

    /// <summary>Each kind's name as the C call is named (<c>getsockopt</c> for <see cref="FilterType.GetsockoptInt"/>),
    /// indexed by the kind: what a trace prints.</summary>
    internal static readonly string[] CallNames = Array.ConvertAll(
        Enum.GetValues<FilterType>(),
        type => type == FilterType.GetsockoptInt ? "getsockopt" : type.ToString().ToLowerInvariant());
}
