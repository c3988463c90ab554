using System;

namespace Socktest;

/// <summary>One fault of a <see cref="FaultSchedule"/>: where it goes and what it is.</summary>
/// <param name="Point">Where: the call it is put on.</param>
/// <param name="Fault">What happens to that call.</param>
public sealed record ScheduledFault(FaultPoint Point, ExploreFault Fault)
{
    /// <summary>The point's kind (<see cref="FaultPoint.Kind"/>).</summary>
    public FaultPointKind Kind => Point.Kind;

    /// <summary>The fault as a schedule line writes it: <c>connect#1@s1&lt;127.0.0.1:5000&gt;=refuse</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Point}={Fault}";
}
