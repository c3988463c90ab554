using System.Linq;
using Microsoft.CodeAnalysis;
using Socktest.Generator.Model;

namespace Socktest.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports, in one table. Each ID is documented in docs/diagnostics.md and
/// tracked in AnalyzerReleases.Unshipped.md.</summary>
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

    // The list of calls is the call table's, in its order.
    public static readonly DiagnosticDescriptor UnknownMember = Error(
        "SOCKTEST004",
        "Member is not a known socket call",
        "'{0}' is not one of the socket calls Socktest wraps (" + string.Join(", ", CallTable.All.Select(call => call.Name)) + "){1}");

    public static readonly DiagnosticDescriptor WrongSignature = Error(
        "SOCKTEST005",
        "Socket call has the wrong signature",
        "'{0}' must be declared as '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedMemberKind = Error(
        "SOCKTEST006",
        "Interface member cannot be wrapped",
        "'{0}' is {1}; a [SocketSyscalls] interface may only declare public abstract instance methods for the socket calls");

    public static readonly DiagnosticDescriptor InvalidSwitchName = Error(
        "SOCKTEST007",
        "SwitchName is not a valid class name",
        "SwitchName '{0}' of interface '{1}' is not a valid C# class name; use an identifier that is not a keyword");

    public static readonly DiagnosticDescriptor SwitchNameCollision = Error(
        "SOCKTEST008",
        "Switch name collides with an existing name",
        "The switch '{0}' for interface '{1}' would collide with {2}; choose another name with SwitchName");

    public static readonly DiagnosticDescriptor NativeMemberConflict = Error(
        "SOCKTEST009",
        "Member named Native conflicts with the generated property",
        "Interface '{0}' declares a member named 'Native', which Socktest generates itself (the calls straight onto libc); rename or remove it");

    public static readonly DiagnosticDescriptor NoCalls = Warning(
        "SOCKTEST010",
        "[SocketSyscalls] interface declares no socket calls",
        "Interface '{0}' declares none of the socket calls; its switch has only Set, Stats and Sockets");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "SOCKTEST011",
        "C# language version too old for the generated code",
        "The code generated for interface '{0}' needs C# {1} or newer (static interface members, nullable annotations); this project uses C# {2}");

    public static readonly DiagnosticDescriptor DuplicateCall = Error(
        "SOCKTEST012",
        "Socket call declared more than once",
        "'{0}' is already declared in interface '{1}'; declare each socket call once, without overloads");

    public static readonly DiagnosticDescriptor OpensWithoutClose = Warning(
        "SOCKTEST013",
        "Call that opens descriptors is declared without Close",
        "Interface '{0}' declares '{1}' but not 'Close'; a descriptor the switch must close on the caller's behalf (after a failing after-filter) can only be closed through libc, and is leaked when the switch wraps another implementation");

    public static readonly DiagnosticDescriptor BaseInterface = Error(
        "SOCKTEST014",
        "[SocketSyscalls] interface cannot inherit interfaces",
        "Interface '{0}' inherits '{1}', whose members the switch could not implement; declare the socket calls on '{0}' itself");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "SOCKTEST015",
        "[SocketSyscalls] interface cannot be file-local",
        "'{0}' is file-local, but the switch for interface '{1}' is generated in another file; remove the 'file' modifier");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
