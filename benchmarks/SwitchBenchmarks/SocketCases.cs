using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>socket+close and socket+listen+close on the real kernel, through (a) to (e).</summary>
/// <remarks>Each case has its own loop, on purpose: a loop shared by (b), (c) and (d) would make its interface call
/// sites see several implementations, so the JIT's guarded devirtualization would serve them worse than the
/// monomorphic sites a user's code has, and the ratios would measure that instead of the switch.</remarks>
internal sealed class SocketCases
{
    private static readonly int Family = AF_INET;
    private static readonly int Type = SOCK_STREAM;

    private readonly IBenchCalls _native = IBenchCalls.Native;
    private readonly IBenchCalls _plain = new BenchCallsSwitch();
    private readonly IBenchCalls _filtered = PassThroughFilters.Deploy(new BenchCallsSwitch());
    private readonly IBenchCalls _untracked = new BenchCallsSwitch();

    /// <summary>The switches the cases run through, for the books check.</summary>
    public ISocketSwitch[] Switches => [(ISocketSwitch)_plain, (ISocketSwitch)_filtered];

    /// <summary>The socket+close group.</summary>
    public Case[] Pairs() =>
    [
        new("(a) raw P/Invoke", RawPair),
        new("(b) IBenchCalls.Native", NativePair),
        new("(c) switch, no filter", PlainPair),
        new("(d) switch, pass-through filters", FilteredPair),
        new("(e) switch, untracked fd", UntrackedPair),
    ];

    /// <summary>The socket+listen+close group.</summary>
    public Case[] Triples() =>
    [
        new("(a) raw P/Invoke", RawTriple),
        new("(b) IBenchCalls.Native", NativeTriple),
        new("(c) switch, no filter", PlainTriple),
        new("(d) switch, pass-through filters", FilteredTriple),
        new("(e) switch, untracked fd", UntrackedTriple),
    ];

    private static Sample RawPair(int n)
    {
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(Libc.Socket(Family, Type, 0), "socket");
            Libc.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample NativePair(int n)
    {
        var calls = _native;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample PlainPair(int n)
    {
        var calls = _plain;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample FilteredPair(int n)
    {
        var calls = _filtered;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample UntrackedPair(int n)
    {
        var calls = _untracked;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(Libc.Socket(Family, Type, 0), "socket");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private static Sample RawTriple(int n)
    {
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(Libc.Socket(Family, Type, 0), "socket");
            Meter.Check(Libc.Listen(fd, 16), "listen");
            Libc.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample NativeTriple(int n)
    {
        var calls = _native;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            Meter.Check(calls.Listen(fd, 16), "listen");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample PlainTriple(int n)
    {
        var calls = _plain;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            Meter.Check(calls.Listen(fd, 16), "listen");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample FilteredTriple(int n)
    {
        var calls = _filtered;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(calls.Socket(Family, Type, 0), "socket");
            Meter.Check(calls.Listen(fd, 16), "listen");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }

    private Sample UntrackedTriple(int n)
    {
        var calls = _untracked;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            int fd = Meter.Check(Libc.Socket(Family, Type, 0), "socket");
            Meter.Check(calls.Listen(fd, 16), "listen");
            calls.Close(fd);
        }

        return meter.Stop(n);
    }
}
