using System;
using Socktest.Kit;

namespace Socktest;

/// <summary>One call in a <see cref="SocketTrace"/>.</summary>
public readonly struct TraceEntry
{
    internal TraceEntry(long sequence, long timestamp, int threadId, FilterType operation, int descriptor, Cookie cookie, int result, Errno error, Filter? injectedBy, bool injected, bool peek)
    {
        Sequence = sequence;
        Timestamp = timestamp;
        ThreadId = threadId;
        Operation = operation;
        Descriptor = descriptor;
        Cookie = cookie;
        Result = result;
        Error = error;
        InjectedBy = injectedBy;
        Injected = injected;
        Peek = peek;
    }

    /// <summary>The call's number in the trace, from 1, in the order the calls finished.</summary>
    public long Sequence { get; }

    /// <summary>When the call finished, in the trace's <see cref="SocketTrace.TimeProvider"/> timestamp ticks; see
    /// <see cref="SocketTrace.Elapsed"/>.</summary>
    public long Timestamp { get; }

    /// <summary>The managed thread id of the thread that made the call.</summary>
    public int ThreadId { get; }

    /// <summary>The call (<c>Accept</c> for <c>Accept4</c> too).</summary>
    public FilterType Operation { get; }

    /// <summary>The descriptor the call was on: the socket, the listener for an accept, -1 for a <c>Socket</c> call.</summary>
    public int Descriptor { get; }

    /// <summary>The socket's cookie (the listener's for an accept).</summary>
    public Cookie Cookie { get; }

    /// <summary>What the call returned: a descriptor, a byte count, 0, or -1 for a failure. For a <see cref="Peek"/>, the
    /// bytes it looked at, which no counter counts.</summary>
    public int Result { get; }

    /// <summary>The errno of a failed call, or <see cref="Errno.None"/>.</summary>
    public Errno Error { get; }

    /// <summary>Whether a filter (or its after-filter) failed the call, rather than the kernel.</summary>
    public bool Injected { get; }

    /// <summary>Whether the call was a receive with MSG_PEEK that reached the kernel: it looked at the waiting bytes and
    /// left them for the next receive, so its <see cref="Result"/> is not in <see cref="Stat.BytesReceived"/> (its
    /// failure is in <see cref="Stat.RecvFailed"/>). Shown as <c>recv(MSG_PEEK)</c>. A receive that the Recv filter
    /// failed before the call is never marked: the switch learns the flags only from the call it makes.</summary>
    public bool Peek { get; }

    /// <summary>The filter that failed the call (the one that deployed the after-filter, when that failed it), or
    /// <see langword="null"/>.</summary>
    public Filter? InjectedBy { get; }

    /// <summary>The entry as one line, such as <c>#3 connect fd 7 (inet4, stream, tcp) -&gt; -1 ECONNREFUSED injected by
    /// Faults.Fail(ECONNREFUSED)</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
        => $"#{Sequence} {TraceTable.CallName(this)} fd {Descriptor} {Cookie} -> {TraceTable.Outcome(this)}";
}
