using Socktest;
using Socktest.Samples.Dialing;

namespace Demo;

/// <summary>What one client saw: how its dial went and whether its echo came back.</summary>
internal sealed record ClientOutcome(int Number, string Fault, DialResult Dial, Errno Echo)
{
    public bool Served => Dial.Succeeded && Echo == Errno.None;
}
