namespace Socktest.Engine;

/// <summary>Something in force on a switch that decides some calls before its filters do, such as a network
/// partition: while it is there, the calls of the types it watches run through it first (<see cref="SwitchCore.AddGate"/>).
/// A switch with no gate pays nothing for them.</summary>
internal abstract class CallGate
{
    /// <summary>Whether calls of <paramref name="type"/> go through this gate.</summary>
    internal abstract bool Watches(FilterType type);

    /// <summary>The gate's verdict on a call, or <see langword="null"/> to leave it to the switch's filter.</summary>
    internal abstract FilterResult? Decide(FilterType type, Status status);
}
