using System;

namespace Socktest.Samples.Recipes;

/// <summary>The calls the recipe tests make, through the generated <c>SocketCallsSwitch</c> (compiled into
/// <c>samples/NUnitRecipe.Tests</c> and <c>samples/MSTestRecipe.Tests</c>, each of which gets its own switch).</summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    int Socket(int family, int type, int protocol);

    int Connect(int fd, ReadOnlySpan<byte> address);

    int Close(int fd);
}
