using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Socktest.Generator;

namespace Socktest.Tests.Diagnostics;

/// <summary>The generator's descriptor table, read by reflection because it is internal to the generator.</summary>
public static class DescriptorTable
{
    public static IReadOnlyList<DiagnosticDescriptor> All()
        => typeof(SocketSyscallsGenerator).Assembly
            .GetType("Socktest.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .OrderBy(descriptor => descriptor.Id, System.StringComparer.Ordinal)
            .ToList();
}
