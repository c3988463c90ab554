using System;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

/// <summary>A hooked <c>sendmsg</c>/<c>recvmsg</c>'s message as the engine sees a data call: the total length of its
/// buffers is what the call asks for, and a filter's limit cuts the buffers short.</summary>
internal static unsafe class Messages
{
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

    /// <summary>Makes the real <c>sendmsg</c>/<c>recvmsg</c> with at most <paramref name="limit"/> bytes of the
    /// message's buffers (all of them when it is negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Transfer(delegate* unmanaged<int, MessageHeader*, int, nint> function, int fd, MessageHeader* message, int limit, int flags)
        => limit < 0 || limit >= TotalLength(message) ? function(fd, message, flags) : TransferCut(function, fd, message, limit, flags);

    /// <summary>Makes the real call over a copy of the header whose buffer list ends where <paramref name="length"/>
    /// does (the last buffer shortened). The caller's header and buffer list are never written, except that what the
    /// kernel returns in the header (name and control lengths, flags) is copied back.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint TransferCut(delegate* unmanaged<int, MessageHeader*, int, nint> function, int fd, MessageHeader* message, int length, int flags)
    {

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
}
