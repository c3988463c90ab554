using System;

namespace Socktest.Xunit.Tests;

/// <summary>The calls these tests make, through the generated <c>TestCallsSwitch</c>.</summary>
[SocketSyscalls]
public partial interface ITestCalls
{
    int Socket(int family, int type, int protocol);

    int Connect(int fd, ReadOnlySpan<byte> address);

    int Close(int fd);
}
