using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Socktest.Tests.Diagnostics;

/// <summary>A source that must produce exactly one diagnostic, at the span marked <c>[|...|]</c>.</summary>
/// <param name="Id">The expected ID.</param>
/// <param name="Severity">The expected default severity.</param>
/// <param name="MarkedSource">The source, with the expected location marked.</param>
/// <param name="Message">The expected message, exactly.</param>
/// <param name="LanguageVersion">The language version to parse with; the latest when absent.</param>
/// <param name="GeneratesOutput">Whether the interface still gets its switch (warnings only), which must then compile.</param>
public sealed record DiagnosticCase(
    string Id,
    DiagnosticSeverity Severity,
    string MarkedSource,
    string Message,
    LanguageVersion LanguageVersion = LanguageVersion.Latest,
    bool GeneratesOutput = false);
