using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Socktest.Tests.Generator;

/// <summary>The interfaces whose generated source is kept as a snapshot, and the consumer-compile tests reuse.</summary>
public static class SnapshotCases
{
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["AllSevenCalls"] = """
            using System;
            using Socktest;

            namespace Demo.Net;

            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Socket(int family, int type, int protocol);
                int Connect(int fd, ReadOnlySpan<byte> address);
                int Listen(int fd, int backlog);
                int Accept(int fd, Span<byte> address, out int addressLength);
                int Accept4(int fd, Span<byte> address, out int addressLength, int flags);
                int GetsockoptInt(int fd, int level, int option, out int value);
                int Close(int fd);
            }
            """,
        ["DataCalls"] = """
            using System;
            using Socktest;

            namespace Demo.Net;

            [SocketSyscalls]
            public partial interface IStreamCalls
            {
                int Bind(int fd, ReadOnlySpan<byte> address);
                int Send(int fd, ReadOnlySpan<byte> buffer, int flags);
                int Recv(int call, Span<byte> result, int flags);
                int Shutdown(int fd, int how);
            }
            """,
        ["SubsetWithoutClose"] = """
            using System;
            using Socktest;

            namespace Demo.Net
            {
                [SocketSyscalls]
                public partial interface IDialCalls
                {
                    int Listen(int fd, int backlog);
                    int Connect(int socket, ReadOnlySpan<byte> @event);
                }
            }
            """,
        ["Nested"] = """
            using Socktest;

            namespace Demo.Net;

            public static partial class Outer
            {
                internal partial struct Middle<T>
                {
                    [SocketSyscalls]
                    public partial interface ISockets
                    {
                        int Socket(int family, int type, int protocol);
                        int Close(int fd);
                    }
                }
            }
            """,
        ["GlobalNamespace"] = """
            using Socktest;

            [SocketSyscalls]
            public partial interface IGlobalCalls
            {
                int Listen(int fd, int backlog);
                int Close(int fd);
            }
            """,
        ["Internal"] = """
            using System;
            using Socktest;

            namespace Demo.Net;

            [SocketSyscalls]
            internal partial interface IServerCalls
            {
                int Socket(int family, int type, int protocol);
                int Accept(int fd, Span<byte> address, out int addressLength);
                int GetsockoptInt(int fd, int level, int option, out int value);
                int Close(int fd);
            }
            """,
        ["SwitchName"] = """
            using Socktest;

            namespace Demo.Net;

            [SocketSyscalls(SwitchName = "FaultySockets")]
            public partial interface ISocketCalls
            {
                int Socket(int family, int type, int protocol);
                int Close(int fd);
            }
            """,
    };

    public static TheoryData<string> Names => new(Sources.Keys.OrderBy(name => name, System.StringComparer.Ordinal));
}
