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

