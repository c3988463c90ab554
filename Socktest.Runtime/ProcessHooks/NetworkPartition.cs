using System;
using System.Collections.Generic;
using System.Threading;
using Socktest.Engine;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// A partition between a switch's sockets and one peer (<see cref="ProcessSwitch.Partition"/>), in force until
/// disposed. New connects to the peer go unanswered (<see cref="KernelFault.Blackhole"/>). Data calls on sockets
/// connected to it carry nothing and report no error: a non-blocking one gets EAGAIN and the runtime waits for
/// readiness, which the heal re-signals (<see cref="Readiness"/>), so no thread is held; a blocking one waits for the
/// heal on its own thread. Nothing is read or written meanwhile, so nothing is lost: bytes the peer sent wait in the
/// kernel, bytes the code under test writes wait in its own buffers, and both flow in order once healed.
/// </summary>
internal sealed class NetworkPartition : CallGate, IDisposable
{
    private readonly SwitchCore _core;
    private readonly Func<Status, bool> _withPeer;
    private readonly HashSet<int> _held = [];
    private readonly ManualResetEventSlim _healedSignal = new(false);
    private readonly CancellationTokenRegistration _ending;
    private bool _healed;

    /// <summary>Puts a partition from <paramref name="peer"/> in force on <paramref name="core"/>; it heals when disposed
    /// or when the switch ends.</summary>
    internal NetworkPartition(SwitchCore core, System.Net.EndPoint peer)
    {
        _core = core;
        _withPeer = SocketMatch.Peer(peer);
        core.AddGate(this);
        _ending = core.Ending.Register(Dispose);
    }

    internal override bool Watches(FilterType type) => type is FilterType.Connect or FilterType.Send or FilterType.Recv;

    internal override FilterResult? Decide(FilterType type, Status status)
    {
        if (Volatile.Read(ref _healed) || !_withPeer(status))
        {
            return null;
        }

        return type == FilterType.Connect ? FilterResult.Kernel(KernelFault.Blackhole, Errno.ETIMEDOUT) : Hold(status.Descriptor);
    }

    /// <summary>Heals the partition: held reads and writes are re-signalled and go on, new connects reach the peer.</summary>
    public void Dispose()
    {
        int[] held;
        lock (_held)
        {
            if (_healed)
            {
                return;
            }

            _healed = true;
            held = [.. _held];
            _held.Clear();
        }

        _core.RemoveGate(this);
        _healedSignal.Set();
        foreach (int fd in held)
        {
            Readiness.Rearm(fd);
        }

        _ending.Unregister();
    }

    /// <summary>Holds a data call: EAGAIN for a non-blocking socket, remembered for the heal to re-signal; for a
    /// blocking one, a wait until the heal, then the call goes on.</summary>
    private FilterResult? Hold(int fd)
    {
        if (!Libc.IsNonBlocking(fd))
        {
            try
            {
                _healedSignal.Wait(_core.Ending);
            }
            catch (OperationCanceledException)
            {
                // The switch ended: its partitions heal with it.
            }

            return null;
        }

        lock (_held)
        {
            if (_healed)
            {
                return null;
            }

            _held.Add(fd);
        }

        return FilterResult.Fail(Errno.EAGAIN);
    }
}
