using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Socktest.Benchmarks;

/// <summary>The source files of a benchmark compilation: attributed interfaces, and unrelated types that stand in for
/// the rest of a real project.</summary>
internal static class WorkloadSources
{
    public const string UnrelatedEditPath = "Unrelated0.cs";

    /// <summary>One file per attributed interface, each declaring Go's seven calls.</summary>
    public static IEnumerable<(string Path, string Text)> Interfaces(int count)
        => Enumerable.Range(0, count).Select(i => ($"Calls{i}.cs", $$"""
            using System;
            using Socktest;

            namespace App.Net{{i % 10}};

            [SocketSyscalls]
            public partial interface ISocketCalls{{i}}
            {
                int Socket(int family, int type, int protocol);
                int Connect(int fd, ReadOnlySpan<byte> address);
                int Listen(int fd, int backlog);
                int Accept(int fd, Span<byte> address, out int addressLength);
                int Accept4(int fd, Span<byte> address, out int addressLength, int flags);
                int GetsockoptInt(int fd, int level, int option, out int value);
                int Close(int fd);
            }
            """));

    /// <summary>Unrelated classes, twenty to a file, each with a field, a property and a method with a body.</summary>
    public static IEnumerable<(string Path, string Text)> Unrelated(int typeCount, int bodyVariant = 0)
    {
        const int perFile = 20;
        for (int file = 0; file * perFile < typeCount; file++)
        {
            var types = Enumerable.Range(file * perFile, System.Math.Min(perFile, typeCount - (file * perFile))).Select(i => $$"""
                public sealed class Service{{i}}
                {
                    private int _count;

                    public string Name { get; set; } = "service{{i}}";

                    public int Step(int value)
                    {
                        _count += value * {{(file == 0 ? bodyVariant + 2 : 2).ToString(CultureInfo.InvariantCulture)}};
                        return _count;
                    }
                }
                """);
            yield return ($"Unrelated{file}.cs", "namespace App.Domain;\n\n" + string.Join("\n\n", types));
        }
    }
}
