using Microsoft.CodeAnalysis;

namespace Socktest.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports, in one table. Documented in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Socktest";
    private const string HelpBase = "https://github.com/socktest/socktest/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor InterfaceNotPartial = Error(
        "SOCKTEST001",
        "[SocketSyscalls] interface must be partial",
        "Interface '{0}' must be declared partial so that Socktest can add its Native property");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SOCKTEST002",
        "Type containing a [SocketSyscalls] interface must be partial",
        "Type '{0}' contains [SocketSyscalls] interface '{1}' and must be declared partial so that the switch can be generated beside it");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "SOCKTEST003",
        "[SocketSyscalls] interface cannot be generic",
        "Interface '{0}' is generic; socket calls have fixed signatures, so declare a non-generic interface");

    public static readonly DiagnosticDescriptor UnknownMember = Error(
        "SOCKTEST004",
        "Member is not a known socket call",
        "'{0}' is not one of the socket calls Socktest wraps (Socket, Connect, Listen, Accept, Accept4, GetsockoptInt, Close){1}");

    public static readonly DiagnosticDescriptor WrongSignature = Error(
        "SOCKTEST005",
        "Socket call has the wrong signature",
        "'{0}' must be declared as '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedMemberKind = Error(
        "SOCKTEST006",
        "Interface member cannot be wrapped",
        "'{0}' is {1}; a [SocketSyscalls] interface may only declare abstract instance methods for the socket calls");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
