using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Socktest.Generator.Diagnostics;
using Socktest.Generator.Model;

namespace Socktest.Generator.Pipeline;

/// <summary>Recognises the interface's members as the calls of <see cref="CallTable"/> and checks their signatures.</summary>
internal static partial class InterfaceParser
{
    /// <summary>A call that passed every check, and where it is declared (for warnings about the set of calls).</summary>
    internal readonly struct DeclaredCall
    {
        public DeclaredCall(CallModel model, LocationInfo? location)
        {
            Model = model;
            Location = location;
        }

        public CallModel Model { get; }

        public LocationInfo? Location { get; }
    }

    internal static List<DeclaredCall> ParseCalls(INamedTypeSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var calls = new List<DeclaredCall>();
        var seen = new HashSet<string>();
        foreach (var member in symbol.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || IsAccessor(member))
            {
                continue;
            }

            var location = LocationInfo.From(member.Locations.FirstOrDefault());

            // Checked before anything else: whatever kind of member it is, it clashes with the generated property.
            if (member.Name == GeneratedNames.NativeProperty)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NativeMemberConflict, location, symbol.Name));
                continue;
            }

            if (member is INamedTypeSymbol)
            {
                continue; // nested types are the user's business; the switch does not implement them
            }

            if (UnsupportedKindOf(member) is { } unsupported)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMemberKind, location, member.Name, unsupported));
                continue;
            }

            var method = (IMethodSymbol)member;
            if (!CallTable.ByName.TryGetValue(method.Name, out var call))
            {
                string suggestion = CallNameSuggester.Closest(method.Name) is { } closest ? "; did you mean '" + closest + "'?" : string.Empty;
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnknownMember, location, method.Name, suggestion));
                continue;
            }

            if (!seen.Add(call.Name))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.DuplicateCall, location, method.Name, symbol.Name));
                continue;
            }

            if (!Matches(method, call, out var mismatch))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.WrongSignature, LocationInfo.From(mismatch) ?? location, method.Name, call.Signature));
                continue;
            }

            calls.Add(new DeclaredCall(new CallModel(call, method.Parameters.Select(p => p.Name).ToEquatableArray()), location));
        }

        return calls;
    }

    /// <summary>Property and event accessors are reported with their property or event.</summary>
    private static bool IsAccessor(ISymbol member)
        => member is IMethodSymbol
        {
            MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise,
        };

    /// <summary>Why the switch could not implement the member as a call, or <see langword="null"/> when it can.</summary>
    private static string? UnsupportedKindOf(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => "an operator",
        IMethodSymbol { MethodKind: MethodKind.StaticConstructor } => "a static constructor",
        IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } => "an explicit interface implementation",
        IMethodSymbol { MethodKind: not MethodKind.Ordinary } => "not an ordinary method",
        IMethodSymbol { IsStatic: true } => "static",
        IMethodSymbol { IsAbstract: false } => "a default-implemented method",

        // The switch's public methods can only implement public interface members implicitly (CS8704).
        IMethodSymbol { DeclaredAccessibility: not Accessibility.Public } => "not public",
        IMethodSymbol => null,
        IPropertySymbol { IsIndexer: true } => "an indexer",
        IPropertySymbol => "a property",
        IEventSymbol => "an event",
        IFieldSymbol => "a field",
        _ => "not a method",
    };

    /// <summary>Whether the method has the call's shape; if not, <paramref name="mismatch"/> is the return type or the
    /// first wrong parameter when one can be singled out, so that the error points at it.</summary>
    private static bool Matches(IMethodSymbol method, CallDescription call, out Location? mismatch)
    {
        mismatch = null;
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        if (method.ReturnType.SpecialType != SpecialType.System_Int32 || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            mismatch = syntax?.ReturnType.GetLocation();
            return false;
        }

        if (method.IsGenericMethod || method.Parameters.Length != call.Parameters.Count)
        {
            return false;
        }

        for (int i = 0; i < call.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            var expected = call.Parameters[i];
            var expectedRefKind = expected.IsOut ? RefKind.Out : RefKind.None;

            // 'out' parameters are implicitly scoped; only an explicit 'scoped' span differs from the switch's.
            if (parameter.RefKind != expectedRefKind || parameter.IsParams || parameter.ScopedKind == ScopedKind.ScopedValue
                || !HasType(parameter.Type, expected))
            {
                mismatch = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().GetLocation();
                return false;
            }
        }

        return true;
    }

    private static bool HasType(ITypeSymbol type, CallParameter expected)
        => expected.SpanName is { } spanName
            ? IsSpanOfByte(type, spanName)
            : type.SpecialType == SpecialType.System_Int32;

    private static bool IsSpanOfByte(ITypeSymbol type, string name)
        => type is INamedTypeSymbol { Name: var typeName, TypeArguments.Length: 1 } named
           && named.TypeArguments[0].SpecialType == SpecialType.System_Byte
           && typeName == name
           && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>Warnings about the set of calls as a whole, once the members are known. <paramref name="closeDeclared"/>
    /// is whether any member is named Close, whatever its signature.</summary>
    private static void CheckCallSet(INamedTypeSymbol symbol, List<DeclaredCall> calls, bool closeDeclared, bool hasErrors, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        if (calls.Count == 0 && !hasErrors)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.NoCalls, nameLocation, symbol.Name));
        }

        // A Close with a wrong signature is already an error; this warning is only for a Close that is missing.
        if (!closeDeclared
            && calls.FirstOrDefault(call => call.Model.Call.CreatesDescriptor) is { Model: not null } opener)
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.OpensWithoutClose, opener.Location, symbol.Name, opener.Model.Call.Name));
        }
    }
}
