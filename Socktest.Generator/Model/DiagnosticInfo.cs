using Microsoft.CodeAnalysis;

namespace Socktest.Generator.Model;

/// <summary>A diagnostic to report, held as plain values until the output stage creates it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), [.. MessageArguments]);
}
