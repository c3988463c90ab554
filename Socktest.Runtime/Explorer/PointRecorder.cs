using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Runtime.CompilerServices;

namespace Socktest;

/// <summary>The filters of one explorer run: on the kinds of call it is asked about, they count calls the way
/// <see cref="FaultPoint"/> names them, record each point the run reaches, and inject each fault of the run's
/// schedule once, at its point. All state is under one lock: a run makes few enough calls that it costs nothing
/// beside the calls themselves.</summary>
internal sealed class PointRecorder
{
    private readonly object _gate = new();
    private readonly List<FaultPoint> _points = [];
    private readonly Armed[] _armed;
    private readonly Dictionary<(FaultPointKind Kind, long Socket), long> _counts = [];
    private readonly Dictionary<string, int> _lookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, EndPoint?> _peers = [];
    private int _socketCalls;
    private AfterFilter? _sendMoved;
    private AfterFilter? _recvMoved;

    private readonly int _kinds;

    /// <summary>Creates the filters of one run.</summary>
    /// <param name="schedule">The faults to inject.</param>
    /// <param name="kinds">The kinds of call to count and record (<see cref="KindsOf"/>); the schedule's own are always
    /// added. Calls of other kinds keep the switch's unfiltered path, and no kind's count depends on another's.</param>
    internal PointRecorder(FaultSchedule schedule, int kinds)
    {
        _kinds = kinds;
        foreach (var fault in schedule.Faults)
        {
            _kinds |= KindBit(fault.Kind);
        }

        _armed = new Armed[schedule.Faults.Count];
        for (int i = 0; i < _armed.Length; i++)
        {
            _armed[i] = new Armed(schedule.Faults[i]);
        }
    }

    /// <summary>The kinds a menu has faults for, as the set <see cref="PointRecorder(FaultSchedule, int)"/> takes:
    /// worked out once for all the runs of an exploration.</summary>
    internal static int KindsOf(IReadOnlyDictionary<FaultPointKind, IReadOnlyList<ExploreFault>> menu)
    {
        int kinds = 0;
        foreach (var (kind, faults) in menu)
        {
            if (faults.Count > 0)
            {
                kinds |= KindBit(kind);
            }
        }

        return kinds;
    }

    private static int KindBit(FaultPointKind kind) => 1 << (int)kind;

    private bool Records(FaultPointKind kind) => (_kinds & KindBit(kind)) != 0;

    /// <summary>The points the run reached, in the order it reached them.</summary>
    internal IReadOnlyList<FaultPoint> Points()
    {
        lock (_gate)
        {
            return _points.ToArray();
        }
    }

    /// <summary>How many of the schedule's faults were injected.</summary>
    internal int Injected()
    {
        int injected = 0;
        foreach (var armed in _armed)
        {
            injected += Volatile.Read(ref armed.Done) ? 1 : 0;
        }

        return injected;
    }

    internal void Deploy(SocketScope scope)
    {
        for (var type = FilterType.Socket; type <= FilterType.Shutdown; type++)
        {
            var kind = (FaultPointKind)type;
            if (!Records(kind))
            {
                continue;
            }

            scope.Set(type, kind switch
            {
                FaultPointKind.Send or FaultPointKind.Recv => status => Data(kind, status),
                FaultPointKind.Accept => Accept,
                _ => status => Call(kind, status),
            });
        }

        if (Records(FaultPointKind.HostLookup))
        {
            scope.LayerHostFilter(own => lookup => Lookup(lookup, own));
        }
    }

    /// <summary>A call counted at once: every call of its kind on its socket (every socket call, for Socket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FilterResult Call(FaultPointKind kind, Status status)
    {
        long socket = kind == FaultPointKind.Socket ? 0 : status.SocketOrdinal;
        EndPoint? peer = kind == FaultPointKind.Connect ? status.Peer : null;
        FaultPoint point;
        lock (_gate)
        {
            int ordinal = kind == FaultPointKind.Socket ? ++_socketCalls : (int)++CountOf(kind, socket);
            if (peer is not null)
            {
                _peers[socket] = peer;
            }
            else if (socket > 0)
            {
                _peers.TryGetValue(socket, out peer);
            }

            point = new FaultPoint(kind, ordinal, socket, 0, peer);
            _points.Add(point);
        }

        return Take(point) is { } fault ? fault.Apply(status, NoAfter) : FilterResult.Proceed;
    }

    /// <summary>An accept, counted only when it takes a connection: the runtime's accepts that find none waiting
    /// (<c>EAGAIN</c>) come and go with timing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FilterResult Accept(Status status)
    {
        long listener = status.SocketOrdinal;
        int ordinal;
        lock (_gate)
        {
            ordinal = (int)CountOf(FaultPointKind.Accept, listener) + 1;
        }

        var point = new FaultPoint(FaultPointKind.Accept, ordinal, listener);
        AfterFilter count = after =>
        {
            if (after.Err.Value == 0)
            {
                lock (_gate)
                {
                    point = new FaultPoint(FaultPointKind.Accept, (int)++CountOf(FaultPointKind.Accept, listener), listener);
                    _points.Add(point);
                }
            }

            return Errno.None;
        };
        return Take(point) is { } fault ? fault.Apply(status, count) : FilterResult.After(count);
    }

    /// <summary>A send or receive, named by the bytes its socket moved in that direction before it; only calls that
    /// move bytes are points (a peek, an <c>EAGAIN</c>, moves none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FilterResult Data(FaultPointKind kind, Status status)
    {
        long socket = status.SocketOrdinal;
        long offset;
        bool knowPeer;
        lock (_gate)
        {
            offset = CountOf(kind, socket);
            knowPeer = _peers.ContainsKey(socket);
        }

        // Asked of the kernel once per socket (a getpeername), by the first data call on it, whether or not it moves
        // bytes: the runtime's zero-byte reads and EAGAINs come before most sockets' first byte.
        if (!knowPeer)
        {
            var peer = status.Peer;
            lock (_gate)
            {
                _peers.TryAdd(socket, peer);
            }
        }

        foreach (var candidate in _armed)
        {
            var at = candidate.Fault.Point;
            if (at.Kind == kind && at.SocketOrdinal == socket && offset >= at.ByteOffset && !Volatile.Read(ref candidate.Done))
            {
                if (candidate.Fault.Fault.WaitsForBytes)
                {
                    return candidate.Fault.Fault.Apply(status, after => Moved(kind, after, candidate));
                }

                if (Interlocked.Exchange(ref candidate.Claimed, 1) != 0)
                {
                    continue;
                }

                Volatile.Write(ref candidate.Done, true);
                return candidate.Fault.Fault.Apply(status, MovedFilter(kind));
            }
        }

        return FilterResult.After(MovedFilter(kind));
    }

    /// <summary>The after-filter of a data call that <see cref="Moved"/> records, made once per kind: most calls
    /// carry no fault that waits for their bytes.</summary>
    private AfterFilter MovedFilter(FaultPointKind kind)
        => kind == FaultPointKind.Send
            ? _sendMoved ??= after => Moved(FaultPointKind.Send, after, armed: null)
            : _recvMoved ??= after => Moved(FaultPointKind.Recv, after, armed: null);

    /// <summary>After a data call: one that moved bytes is a point, at the bytes its socket moved that way before it,
    /// and marks <paramref name="armed"/>, the fault that waited for its bytes, as used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Errno Moved(FaultPointKind kind, Status after, Armed? armed)
    {
        if (after.Transferred > 0)
        {
            if (armed is not null)
            {
                Volatile.Write(ref armed.Done, true);
            }

            long socket = after.SocketOrdinal;
            lock (_gate)
            {
                _peers.TryGetValue(socket, out var known);
                int ordinal = (int)++CountOf(OrdinalKind(kind), socket);
                ref long moved = ref CountOf(kind, socket);
                _points.Add(new FaultPoint(kind, ordinal, socket, moved, known));
                moved += after.Transferred;
            }
        }

        return Errno.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private HostAnswer Lookup(HostLookup lookup, HostFilter? own)
    {
        int ordinal;
        lock (_gate)
        {
            _lookups.TryGetValue(lookup.HostName, out ordinal);
            _lookups[lookup.HostName] = ++ordinal;
        }

        var point = new FaultPoint(FaultPointKind.HostLookup, ordinal, hostName: lookup.HostName);
        lock (_gate)
        {
            _points.Add(point);
        }

        var answer = own is null ? default : own(lookup);
        return Take(point) is { } fault ? fault.Apply(answer) : answer;
    }

    /// <summary>The scheduled fault at <paramref name="point"/>, claimed, if one is armed there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ExploreFault? Take(FaultPoint point)
    {
        foreach (var armed in _armed)
        {
            if (armed.Fault.Point.Equals(point) && Interlocked.Exchange(ref armed.Claimed, 1) == 0)
            {
                Volatile.Write(ref armed.Done, true);
                return armed.Fault.Fault;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref long CountOf(FaultPointKind kind, long socket)
        => ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (kind, socket), out _);

    /// <summary>The key under which a data kind's call ordinals are kept, apart from its byte count.</summary>
    private static FaultPointKind OrdinalKind(FaultPointKind kind) => (FaultPointKind)(-1 - (int)kind);

    private static Errno NoAfter(Status status) => Errno.None;

    /// <summary>One fault of the schedule and whether it was used.</summary>
    private sealed class Armed(ScheduledFault fault)
    {
        public readonly ScheduledFault Fault = fault;
        public int Claimed;
        public bool Done;
    }
}
