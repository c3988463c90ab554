using System.Net.Sockets;

namespace Socktest.Benchmarks;

/// <summary>
/// <c>new Socket</c> + <c>Dispose</c> through .NET's own networking, with and without <see cref="ProcessSockets"/>
/// installed. The hooked case installs at the start of its round and removes the hook at the end, outside the timing,
/// so the rounds of both cases interleave as usual.
/// </summary>
internal sealed class ProcessSocketsCases
{
    /// <summary>Sockets the hooked rounds left in their switches' tables; must stay 0.</summary>
    public long Leaked { get; private set; }

    /// <summary>The group.</summary>
    public Case[] Pairs() =>
    [
        new("new Socket + Dispose, not hooked", Plain),
        new("new Socket + Dispose, ProcessSockets installed", Hooked),
    ];

    private static Sample Plain(int n)
    {
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }

        return meter.Stop(n);
    }

    private Sample Hooked(int n)
    {
        using var sockets = ProcessSockets.Install();
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }

        var sample = meter.Stop(n);
        Leaked += sockets.Sockets().Count;
        return sample;
    }
}
