using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>socket+close over a kernel that does nothing, directly and through a switch: the difference is the
/// switch's own cost, undisturbed by syscall noise.</summary>
internal sealed class OwnCostCases
{
    private static readonly int Family = AF_INET;
    private static readonly int Type = SOCK_STREAM;

    private readonly IOwnCostCalls _inner = new NoOpCalls();
    private readonly IOwnCostCalls _switch = new OwnCostCallsSwitch(new NoOpCalls());

    /// <summary>The switch, for the books check.</summary>
    public ISocketSwitch Switch => (ISocketSwitch)_switch;

    /// <summary>The group.</summary>
    public Case[] Pairs() =>
    [
        new("no-op inner, direct", Direct),
        new("no-op inner, through the switch", Switched),
    ];

    private Sample Direct(int n)
    {
        var calls = _inner;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = calls.Socket(Family, Type, 0);
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample Switched(int n)
    {
        var calls = _switch;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = calls.Socket(Family, Type, 0);
            calls.Close(fd);
        }

        return meter.Stop(n);
    }
}
