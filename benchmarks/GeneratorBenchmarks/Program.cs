using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Socktest.Benchmarks;

// The generator's own cost, as the IDE pays it: cold (first run of a driver) and after an edit that touches no
// attributed interface. Targets (docs/benchmarks.md): under 1 ms per interface cold; at most 1 ms after such an edit.
const int UnrelatedTypes = 2000;
const int Runs = 15;
int[] interfaceCounts = [1, 10, 200];

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll")
    .Append(typeof(Socktest.Cookie).Assembly.Location)
    .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
    .ToList();

// Warm the JIT and Roslyn's caches so that "cold" means a cold driver, not a cold process.
new GeneratorTiming(10, UnrelatedTypes, references).Cold(3);

Console.WriteLine($"Socktest generator cost: {UnrelatedTypes} unrelated types, median of {Runs} runs, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("Socktest's share = Socktest's time less the baseline (an empty ForAttributeWithMetadataName generator on the");
Console.WriteLine("same workload), i.e. what Roslyn charges any attribute-driven generator for binding a new compilation is left out.");
Console.WriteLine();
Console.WriteLine("| interfaces | cold: total / baseline (ms) | cold: Socktest's share per interface (ms) | < 1 ms | edit: total / baseline (ms) | edit: Socktest's share (ms) | <= 1 ms |");
Console.WriteLine("|---:|---:|---:|:---:|---:|---:|:---:|");
foreach (int count in interfaceCounts)
{
    var timing = new GeneratorTiming(count, UnrelatedTypes, references);
    var floor = new GeneratorTiming(count, UnrelatedTypes, references, baseline: true);
    double cold = timing.Cold(Runs).TotalMilliseconds;
    double floorCold = floor.Cold(Runs).TotalMilliseconds;
    double edit = timing.AfterUnrelatedEdit(Runs).TotalMilliseconds;
    double floorEdit = floor.AfterUnrelatedEdit(Runs).TotalMilliseconds;
    double coldShare = Math.Max(0, cold - floorCold) / count;
    double editShare = Math.Max(0, edit - floorEdit);
    Console.WriteLine($"| {count} | {cold:F1} / {floorCold:F1} | {coldShare:F3} | {Met(coldShare < 1)} | {edit:F2} / {floorEdit:F2} | {editShare:F2} | {Met(editShare <= 1)} (total: {Met(edit <= 1)}) |");
}

static string Met(bool met) => met ? "met" : "NOT met";
