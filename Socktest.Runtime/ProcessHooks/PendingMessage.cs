using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary><c>struct msghdr</c> of glibc on a 64-bit (LP64) Linux, x64 and arm64 alike: 56 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary><c>struct iovec</c>: one buffer of a message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

/// <summary>
/// Carries a hooked <c>sendmsg</c>/<c>recvmsg</c> through the switch's <c>Send</c>/<c>Recv</c>, which take one span.
/// The hook hands the switch a span that starts at the <c>msghdr</c> and is as long as the message's buffers together
/// (<see cref="Span"/>); the switch's filter sees that length in <see cref="Status.Requested"/> and may cut the span
/// short; <see cref="OriginalSocketCalls"/> recognises the span by its start and makes the real <c>sendmsg</c> or
/// <c>recvmsg</c> with the buffers cut to the span's length (<see cref="Transfer"/>). Nothing ever reads the span's
/// bytes. The mark is per thread and saved and restored around each hooked data call, so a call a filter makes on the
/// same thread is never mistaken for the message.
/// </summary>
internal static unsafe class PendingMessage
{
    [ThreadStatic]
    private static nint t_message;

    /// <summary>Marks <paramref name="message"/> as the message this thread's next data call stands for, until the
    /// returned scope ends (or clears the mark, for a plain call, with <see langword="null"/>).</summary>
    public static Scope Enter(MessageHeader* message)
    {
        var scope = new Scope(t_message);
        t_message = (nint)message;
        return scope;
    }

    /// <summary>The span that stands for <paramref name="message"/>: its start is the header, its length the total
    /// of the buffers' lengths (at most <see cref="int.MaxValue"/>).</summary>
    public static Span<byte> Span(MessageHeader* message) => new(message, TotalLength(message));

    /// <summary>The message a span starting at <paramref name="start"/> stands for, or null.</summary>
    public static MessageHeader* Matches<T>(ref T start)
        where T : unmanaged
    {
        nint pointer = (nint)Unsafe.AsPointer(ref start);
        return t_message != 0 && t_message == pointer ? (MessageHeader*)pointer : null;
    }

    /// <summary>The total length of the message's buffers, at most <see cref="int.MaxValue"/>.</summary>
    public static int TotalLength(MessageHeader* message)
    {
        if (message is null || message->Vectors is null)
        {
            return 0;
        }

        ulong total = 0;
        for (nuint i = 0; i < message->VectorCount; i++)
        {
            total += message->Vectors[i].Length;
            if (total >= int.MaxValue)
            {
                return int.MaxValue;
            }
        }

        return (int)total;
    }

    /// <summary>Makes the real <c>sendmsg</c>/<c>recvmsg</c> with at most <paramref name="length"/> bytes of the
    /// message's buffers: the whole message when that is all of it, else a copy of the header whose buffer list ends
    /// where the length does (the last buffer shortened). The caller's header and buffer list are never written, except
    /// that what the kernel returns in the header (name and control lengths, flags) is copied back.</summary>
    public static nint Transfer(delegate* unmanaged<int, MessageHeader*, int, nint> function, int fd, MessageHeader* message, int length, int flags)
    {
        if (length >= TotalLength(message))
        {
            return function(fd, message, flags);
        }

        nuint left = (nuint)length;
        nuint count = 0;
        while (count < message->VectorCount && left > 0)
        {
            left -= Math.Min(left, message->Vectors[count].Length);
            count++;
        }

        var vectors = count <= 64 ? stackalloc IoVector[(int)count] : new IoVector[(int)count];
        left = (nuint)length;
        for (int i = 0; i < (int)count; i++)
        {
            vectors[i] = message->Vectors[i];
            vectors[i].Length = Math.Min(left, vectors[i].Length);
            left -= vectors[i].Length;
        }

        var copy = *message;
        nint result;
        fixed (IoVector* cut = vectors)
        {
            copy.Vectors = cut;
            copy.VectorCount = count;
            result = function(fd, &copy, flags);
        }

        message->NameLength = copy.NameLength;
        message->ControlLength = copy.ControlLength;
        message->Flags = copy.Flags;
        return result;
    }

    /// <summary>Puts back the mark that was there before <see cref="Enter"/>.</summary>
    public readonly ref struct Scope(nint saved)
    {
        public void Dispose() => t_message = saved;
    }
}
