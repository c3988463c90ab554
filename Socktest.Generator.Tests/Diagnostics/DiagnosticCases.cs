using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Socktest.Tests.Diagnostics;

/// <summary>One or more sources per diagnostic ID, each producing exactly that diagnostic.</summary>
public static class DiagnosticCases
{
    private const string OnlyAbstractMethods = "; a [SocketSyscalls] interface may only declare public abstract instance methods for the socket calls";
    private const string KnownCallList = "(Socket, Connect, Listen, Accept, Accept4, GetsockoptInt, Close, Bind, Send, Recv, Shutdown)";

    public static readonly IReadOnlyDictionary<string, DiagnosticCase> All = new Dictionary<string, DiagnosticCase>
    {
        ["SOCKTEST001_NotPartial"] = Error("SOCKTEST001", """
            [SocketSyscalls]
            public interface [|ISocketCalls|]
            {
                int Close(int fd);
            }
            """, "Interface 'ISocketCalls' must be declared partial so that Socktest can add its Native property"),

        ["SOCKTEST002_ContainerNotPartial"] = Error("SOCKTEST002", """
            public class [|Outer|]
            {
                [SocketSyscalls]
                public partial interface ISocketCalls
                {
                    int Close(int fd);
                }
            }
            """, "Type 'Outer' contains [SocketSyscalls] interface 'ISocketCalls' and must be declared partial so that the switch can be generated beside it"),

        ["SOCKTEST003_Generic"] = Error("SOCKTEST003", """
            [SocketSyscalls]
            public partial interface [|ISocketCalls|]<T>
            {
                int Close(int fd);
            }
            """, "Interface 'ISocketCalls' is generic; socket calls have fixed signatures, so declare a non-generic interface"),

        ["SOCKTEST004_Misspelt"] = Error("SOCKTEST004", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Conect|](int fd, ReadOnlySpan<byte> address);
                int Close(int fd);
            }
            """, "'Conect' is not one of the socket calls Socktest wraps " + KnownCallList + "; did you mean 'Connect'?"),

        ["SOCKTEST004_NoSuggestion"] = Error("SOCKTEST004", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Transmit|](int fd, ReadOnlySpan<byte> data);
                int Close(int fd);
            }
            """, "'Transmit' is not one of the socket calls Socktest wraps " + KnownCallList),

        ["SOCKTEST005_ParameterType"] = Error("SOCKTEST005", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Listen(int fd, [|long backlog|]);
                int Close(int fd);
            }
            """, "'Listen' must be declared as 'int Listen(int fd, int backlog)'"),

        ["SOCKTEST005_RefKind"] = Error("SOCKTEST005", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Accept(int fd, Span<byte> address, [|ref int addressLength|]);
                int Close(int fd);
            }
            """, "'Accept' must be declared as 'int Accept(int fd, Span<byte> address, out int addressLength)'"),

        // Written exactly like the real call, but 'Span' here is the user's own type, not System.Span<T>.
        ["SOCKTEST005_ShadowedSpan"] = Error("SOCKTEST005", """
            public readonly struct Span<T> { }

            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Accept(int fd, [|Span<byte> address|], out int addressLength);
                int Close(int fd);
            }
            """, "'Accept' must be declared as 'int Accept(int fd, Span<byte> address, out int addressLength)'"),

        ["SOCKTEST005_ReturnType"] = Error("SOCKTEST005", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                [|long|] Close(int fd);
            }
            """, "'Close' must be declared as 'int Close(int fd)'"),

        ["SOCKTEST005_ParameterCount"] = Error("SOCKTEST005", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Socket|](int family, int type);
                int Close(int fd);
            }
            """, "'Socket' must be declared as 'int Socket(int family, int type, int protocol)'"),

        ["SOCKTEST006_Property"] = Error("SOCKTEST006", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Timeout|] { get; }
                int Close(int fd);
            }
            """, "'Timeout' is a property" + OnlyAbstractMethods),

        ["SOCKTEST006_Event"] = Error("SOCKTEST006", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                event Action [|Opened|];
                int Close(int fd);
            }
            """, "'Opened' is an event" + OnlyAbstractMethods),

        ["SOCKTEST006_Static"] = Error("SOCKTEST006", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                static int [|Close|](int fd) => 0;
            }
            """, "'Close' is static" + OnlyAbstractMethods),

        ["SOCKTEST006_DefaultImplementation"] = Error("SOCKTEST006", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Close|](int fd) => 0;
            }
            """, "'Close' is a default-implemented method" + OnlyAbstractMethods),

        ["SOCKTEST006_NotPublic"] = Error("SOCKTEST006", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                internal int [|Close|](int fd);
            }
            """, "'Close' is not public" + OnlyAbstractMethods),

        ["SOCKTEST007_NotAnIdentifier"] = Error("SOCKTEST007", """
            [SocketSyscalls(SwitchName = [|"Faulty Sockets"|])]
            public partial interface ISocketCalls
            {
                int Close(int fd);
            }
            """, "SwitchName 'Faulty Sockets' of interface 'ISocketCalls' is not a valid C# class name; use an identifier that is not a keyword"),

        ["SOCKTEST007_Empty"] = Error("SOCKTEST007", """
            [SocketSyscalls(SwitchName = [|""|])]
            public partial interface ISocketCalls
            {
                int Close(int fd);
            }
            """, "SwitchName '' of interface 'ISocketCalls' is not a valid C# class name; use an identifier that is not a keyword"),

        ["SOCKTEST007_Keyword"] = Error("SOCKTEST007", """
            [SocketSyscalls(SwitchName = [|"record"|])]
            public partial interface ISocketCalls
            {
                int Close(int fd);
            }
            """, "SwitchName 'record' of interface 'ISocketCalls' is not a valid C# class name; use an identifier that is not a keyword"),

        ["SOCKTEST008_ExistingType"] = Error("SOCKTEST008", """
            public class SocketCallsSwitch
            {
            }

            [SocketSyscalls]
            public partial interface [|ISocketCalls|]
            {
                int Close(int fd);
            }
            """, "The switch 'SocketCallsSwitch' for interface 'ISocketCalls' would collide with the existing type 'Demo.SocketCallsSwitch'; choose another name with SwitchName"),

        ["SOCKTEST008_ContainingType"] = Error("SOCKTEST008", """
            public partial class Outer
            {
                [SocketSyscalls(SwitchName = [|"Outer"|])]
                public partial interface ISocketCalls
                {
                    int Close(int fd);
                }
            }
            """, "The switch 'Outer' for interface 'ISocketCalls' would collide with its containing type 'Demo.Outer'; choose another name with SwitchName"),

        ["SOCKTEST009_Native"] = Error("SOCKTEST009", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int [|Native|](int fd);
                int Close(int fd);
            }
            """, "Interface 'ISocketCalls' declares a member named 'Native', which Socktest generates itself (the calls straight onto libc); rename or remove it"),

        ["SOCKTEST010_NoCalls"] = new("SOCKTEST010", DiagnosticSeverity.Warning, """
            [SocketSyscalls]
            public partial interface [|ISocketCalls|]
            {
            }
            """, "Interface 'ISocketCalls' declares none of the socket calls; its switch has only Set, Stats and Sockets", GeneratesOutput: true),

        ["SOCKTEST011_CSharp73"] = Error("SOCKTEST011", """
            namespace Demo
            {
                [SocketSyscalls]
                public partial interface [|ISocketCalls|]
                {
                    int Close(int fd);
                }
            }
            """, "The code generated for interface 'ISocketCalls' needs C# 8.0 or newer (static interface members, nullable annotations); this project uses C# 7.3") with { LanguageVersion = LanguageVersion.CSharp7_3 },

        ["SOCKTEST012_Overload"] = Error("SOCKTEST012", """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Socket(int family, int type, int protocol);
                int [|Socket|](int family, int type);
                int Close(int fd);
            }
            """, "'Socket' is already declared in interface 'ISocketCalls'; declare each socket call once, without overloads"),

        ["SOCKTEST013_SocketWithoutClose"] = new("SOCKTEST013", DiagnosticSeverity.Warning, """
            [SocketSyscalls]
            public partial interface ISocketCalls
            {
                int Connect(int fd, ReadOnlySpan<byte> address);
                int [|Socket|](int family, int type, int protocol);
            }
            """, "Interface 'ISocketCalls' declares 'Socket' but not 'Close'; a descriptor the switch must close on the caller's behalf (after a failing after-filter) can only be closed through libc, and is leaked when the switch wraps another implementation", GeneratesOutput: true),

        ["SOCKTEST014_BaseInterface"] = Error("SOCKTEST014", """
            [SocketSyscalls]
            public partial interface ISocketCalls : [|IDisposable|]
            {
                int Close(int fd);
            }
            """, "Interface 'ISocketCalls' inherits 'System.IDisposable', whose members the switch could not implement; declare the socket calls on 'ISocketCalls' itself"),

        ["SOCKTEST015_FileLocal"] = Error("SOCKTEST015", """
            [SocketSyscalls]
            file partial interface [|ISocketCalls|]
            {
                int Close(int fd);
            }
            """, "'ISocketCalls' is file-local, but the switch for interface 'ISocketCalls' is generated in another file; remove the 'file' modifier"),
    };

    public static TheoryData<string> Names => new(All.Keys.OrderBy(name => name, System.StringComparer.Ordinal));

    /// <summary>Every case's source starts with these lines, so that the marked spans stay readable above.</summary>
    public static string WithPrologue(DiagnosticCase diagnosticCase, string body)
        => diagnosticCase.LanguageVersion < LanguageVersion.CSharp10
            ? "using System;\nusing Socktest;\n\n" + body
            : "using System;\nusing Socktest;\n\nnamespace Demo;\n\n" + body;

    private static DiagnosticCase Error(string id, string markedSource, string message)
        => new(id, DiagnosticSeverity.Error, markedSource, message);
}
