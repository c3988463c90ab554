using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Socktest.Benchmarks;

/// <summary>
/// <c>new Socket</c> + <c>Dispose</c> with eight scopes open on other flows: unhooked; a socket
/// that belongs to a scope with no filter; a socket that belongs to no scope. The eight scopes and the measured
/// scope are begun at the start of a round and disposed at its end, outside the timing.
/// </summary>
internal sealed class ScopeCases
{
    private const int OtherScopes = 8;

    /// <summary>Sockets the scoped rounds left in their tables; must stay 0.</summary>
    public long Leaked { get; private set; }

    /// <summary>The group.</summary>
    public Case[] Pairs() =>
    [
        new("new Socket + Dispose, not hooked", Plain),
        new("the same, 8 scopes open elsewhere, socket in a scope with no filter", n => WithOtherScopes(n, ownScope: true)),
        new("the same, 8 scopes open elsewhere, socket in no scope", n => WithOtherScopes(n, ownScope: false)),
    ];

    private static Sample Plain(int n)
    {
        var meter = Meter.Start();
        Loop(n);
        return meter.Stop(n);
    }

    private Sample WithOtherScopes(int n, bool ownScope)
    {
        // Begun in flows of their own, so that this flow belongs to none of them.
        var others = Enumerable.Range(0, OtherScopes).Select(_ => Task.Run(ProcessSockets.BeginScope)).Select(task => task.Result).ToArray();
        try
        {
            using var scope = ownScope ? ProcessSockets.BeginScope() : null;

            // The scope's first socket makes its table's first block and its cookie's counters: not a per-call cost.
            Loop(1);
            var meter = Meter.Start();
            Loop(n);
            var sample = meter.Stop(n);
            Leaked += scope?.Sockets().Count ?? 0;
            Leaked += others.Sum(other => other.Sockets().Count);
            return sample;
        }
        finally
        {
            Array.ForEach(others, other => other.Dispose());
        }
    }

    private static void Loop(int n)
    {
        for (int i = 0; i < n; i++)
        {
            new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp).Dispose();
        }
    }
}
