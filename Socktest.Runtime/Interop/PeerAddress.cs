using System;

namespace Socktest.Interop;

/// <summary>
/// The <c>sockaddr</c> buffer and length of an <c>accept</c>/<c>accept4</c> call: the kernel gets no buffer and no
/// length pointer when the caller's span is empty, and the length it writes back is reported only for a success.
/// </summary>
/// <remarks>A <see langword="ref"/> struct on the caller's stack: <see cref="Length"/> points into it, which stays put
/// for the whole call.</remarks>
internal unsafe ref struct PeerAddress
{
    private readonly bool _empty;
    private uint _length;

    /// <summary>Prepares for a call that writes the peer's address into <paramref name="address"/>.</summary>
    internal PeerAddress(Span<byte> address)
    {
        _empty = address.IsEmpty;
        _length = (uint)address.Length;
    }

    /// <summary>The <c>socklen_t*</c> argument, or null for an empty buffer.</summary>
    internal uint* Length
    {
        get
        {
            if (_empty)
            {
                return null;
            }

            fixed (uint* length = &_length)
            {
                return length;
            }
        }
    }

    /// <summary>The <c>sockaddr*</c> argument: the pinned buffer, or null for an empty one.</summary>
    internal readonly byte* Buffer(byte* pinned) => _empty ? null : pinned;

    /// <summary>Passes the call's result through and reports the address length it wrote (0 on failure).</summary>
    internal readonly int Complete(int result, out int addressLength)
    {
        addressLength = result < 0 || _empty ? 0 : (int)_length;
        return result;
    }
}
