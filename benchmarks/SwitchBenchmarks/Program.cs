using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Socktest.Benchmarks;

// The switch against raw P/Invoke: every group runs its cases interleaved in this one process and reports medians.
// JIT:       dotnet run -c Release --project benchmarks/SwitchBenchmarks
// NativeAOT: dotnet publish benchmarks/SwitchBenchmarks -c Release -r linux-x64 -p:PublishAot=true, then run the binary.
// --quick runs fewer rounds: a smoke test, not a measurement. It judges no time, only that every case runs, allocates
// nothing and balances its books; .ci/run runs it so that the harness cannot rot. The exit code is non-zero when a
// judged target fails (every target in a full run).
// --only kernel,own,... runs only the named groups (see GroupNames) and judges only their targets; --rounds N sets the
// measured rounds of the groups on real sockets (1001 by default, enough for two runs back to back to agree on the
// kernel cases; the no-op and 2-thread groups keep theirs), see docs/decisions/benchmark-rounds.md.
// --pairs N sets the operations per round of those groups (1000 by default, 500 with --quick; triples are 3/5 of it):
// benchmarks/instructions.sh runs --quick --pairs 500 under callgrind and counts instructions per operation.
bool quick = args.Contains("--quick");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
string[] GroupNames = ["kernel", "getsockopt", "own", "threads", "diagnostics", "process", "anatomy", "pingpong", "scopes", "lookups"];
if (only?.FirstOrDefault(g => !GroupNames.Contains(g)) is { } unknown)
{
    Console.Error.WriteLine($"--only: no group '{unknown}'; the groups are {string.Join(", ", GroupNames)}.");
    return 2;
}

bool Runs(string group) => only is null || only.Contains(group);
// Short rounds, many of them: on a shared machine a round that was preempted is an outlier the median drops.
int rounds = Option("--rounds") is { } roundsText ? int.Parse(roundsText, CultureInfo.InvariantCulture) : quick ? 5 : 1001;
int warmup = quick ? 1 : 5;
int pairsPerRound = Option("--pairs") is { } pairsText ? int.Parse(pairsText, CultureInfo.InvariantCulture) : quick ? 500 : 1000;
int triplesPerRound = pairsPerRound * 3 / 5;
int getsockoptPerRound = quick ? 5000 : 10000;
int noOpRounds = quick ? 21 : 301;
int noOpPerRound = 20_000;
int threadedRounds = quick ? 4 : 21;
int threadedPairsPerRound = quick ? 10_000 : 50_000;

Console.WriteLine($"# Switch overhead — {RuntimeInfo.Describe()}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds {rounds} (2 threads: {threadedRounds}), interleaved; medians of per-round figures"));

var targets = new List<Target>();
static string X(double v) => string.Create(CultureInfo.InvariantCulture, $"{v:F3}x");
// A difference between two cases of .NET's own Socket, whose internals allocate now and then (0.2 B per call on
// average, unhooked too): an allocation on every call would add at least 24 B, so anything under half a byte is noise.
static bool NothingPerCall(double extraBytes) => extraBytes < 0.5;

static string B(double v) => string.Create(CultureInfo.InvariantCulture, $"{v:F3} B");

if (Runs("kernel"))
{
    var sockets = new SocketCases();
    var pairs = Interleaver.Run(sockets.Pairs(), pairsPerRound, rounds, warmup);
    Report.Group("socket+close (real kernel)", "pair", pairs);
    targets.Add(new("(c) switch / (a) raw, socket+close", X(pairs[2].Ratio), "<= 1.020x", pairs[2].Ratio <= 1.02));
    targets.Add(new("(d) filtered / (a) raw, socket+close", X(pairs[3].Ratio), "<= 1.050x", pairs[3].Ratio <= 1.05));

    var triples = Interleaver.Run(sockets.Triples(), triplesPerRound, rounds, warmup);
    Report.Group("socket+listen+close (real kernel)", "triple", triples);
    targets.Add(new("(c) switch / (a) raw, socket+listen+close", X(triples[2].Ratio), "<= 1.020x", triples[2].Ratio <= 1.02));
    targets.Add(new("(d) filtered / (a) raw, socket+listen+close", X(triples[3].Ratio), "<= 1.050x", triples[3].Ratio <= 1.05));

    foreach (var (label, result) in new[] { ("(b)", 1), ("(c)", 2), ("(e)", 4) })
    {
        double bytes = Math.Max(pairs[result].BytesPerOp, triples[result].BytesPerOp);
        targets.Add(new($"{label} allocated per pair/triple", B(bytes), "0 B", bytes == 0, IsTiming: false));
    }

    double filteredBytes = Math.Max(pairs[3].BytesPerOp, triples[3].BytesPerOp);
    targets.Add(new("(d) allocated beyond the filters' own (they allocate 0)", B(filteredBytes), "0 B", filteredBytes == 0, IsTiming: false));

    long kernelOff = sockets.Switches.Sum(s => Books.Discrepancies(s));
    targets.Add(new("books of the kernel cases' switches (opened = closed, table empty)", kernelOff.ToString(CultureInfo.InvariantCulture), "0", kernelOff == 0, IsTiming: false));
}

if (Runs("getsockopt"))
{
    CaseResult[] getsockopt;
    using (var cases = new GetsockoptCases())
    {
        getsockopt = Interleaver.Run(cases.Calls(), getsockoptPerRound, rounds, warmup);
    }

    Report.Group("getsockopt(SOL_SOCKET, SO_TYPE)", "call", getsockopt);
    targets.Add(new("getsockopt: switch / raw", X(getsockopt[1].Ratio), "<= 1.100x", getsockopt[1].Ratio <= 1.10));
    targets.Add(new("getsockopt: allocated per call through the switch", B(getsockopt[1].BytesPerOp), "0 B", getsockopt[1].BytesPerOp == 0, IsTiming: false));
}

if (Runs("own"))
{
    var own = new OwnCostCases();
    var noOp = Interleaver.Run(own.Pairs(), noOpPerRound, noOpRounds, warmup * 20);
    Report.Group("socket+close over a no-op inner implementation", "pair", noOp);
    // Judged on the fastest rounds: a loop that makes no syscall is only ever slowed by the machine (another VM's
    // work, a preemption), so its fastest rounds are its cost (docs/decisions/own-cost-fastest-rounds.md).
    double ownCost = noOp[1].NsBest - noOp[0].NsBest;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\nown cost of the switch: {ownCost:F1} ns per socket+close pair between the fastest rounds ({noOp[1].NsPerOp - noOp[0].NsPerOp:F1} ns between the medians)"));
    targets.Add(new("own cost per socket+close pair (no-op inner, fastest rounds)", string.Create(CultureInfo.InvariantCulture, $"{ownCost:F1} ns"), "<= 30 ns", ownCost <= 30));
    targets.Add(new("no-op inner path: allocated per pair", B(noOp[1].BytesPerOp), "0 B", noOp[1].BytesPerOp == 0, IsTiming: false));
    long noOpOff = Books.Discrepancies(own.Switch);
    targets.Add(new("books of the no-op switch (opened = closed, table empty)", noOpOff.ToString(CultureInfo.InvariantCulture), "0", noOpOff == 0, IsTiming: false));
}

if (Runs("threads"))
{
    CaseResult[] threaded;
    long threadedPairs;
    long threadedOff;
    using (var cases = new ThreadedCases())
    {
        threaded = Interleaver.Run(cases.Pairs(), threadedPairsPerRound, threadedRounds, warmupRounds: 1);
        threadedPairs = cases.SwitchedPairs;
        threadedOff = Books.Discrepancies(cases.Switch, threadedPairs / ThreadedCases.Threads, ThreadedCases.Cookies);
    }

    Report.Group("socket+close on 2 threads at once (one shared switch)", "pair", threaded);
    targets.Add(new("2 threads: (c) switch / (a) raw", X(threaded[1].Ratio), "<= 1.050x", threaded[1].Ratio <= 1.05));
    targets.Add(new("2 threads: allocated per pair through the switch", B(threaded[1].BytesPerOp), "0 B", threaded[1].BytesPerOp == 0, IsTiming: false));
    targets.Add(new(
        $"2 threads: lost or misattributed closes over {threadedPairs * 2:N0} calls ({threadedPairs:N0} pairs)",
        threadedOff.ToString(CultureInfo.InvariantCulture),
        "0 over >= 10^6",
        threadedOff == 0 && (quick || threadedPairs * 2 >= 1_000_000),
        IsTiming: false));
}


if (Runs("diagnostics"))
{
    CaseResult[] diagnostics;
    CaseResult[] diagnosticsOwn;
    long diagnosticsOff;
    using (var cases = new DiagnosticsCases())
    using (var ownCases = new DiagnosticsCases(() => new NoOpCalls()))
    {
        // Open sites capture a stack trace per socket: fewer pairs per round keep the round short.
        diagnostics = Interleaver.Run(cases.Pairs(), pairsPerRound / 4, rounds, warmup);
        diagnosticsOwn = Interleaver.Run(ownCases.Pairs(), noOpPerRound / 20, rounds, warmup);
        diagnosticsOff = cases.Switches.Concat(ownCases.Switches).Sum(s => Books.Discrepancies(s));
    }

    Report.Group("socket+close with one diagnostic on (real kernel)", "pair", diagnostics);
    Report.Group("socket+close with one diagnostic on (no-op inner)", "pair", diagnosticsOwn);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\nown cost per socket+close pair: trace {diagnosticsOwn[1].NsPerOp - diagnosticsOwn[0].NsPerOp:F1} ns, open sites {diagnosticsOwn[2].NsPerOp - diagnosticsOwn[0].NsPerOp:F1} ns, metrics {diagnosticsOwn[3].NsPerOp - diagnosticsOwn[0].NsPerOp:F1} ns"));
    targets.Add(new("trace on: allocated per pair", B(diagnostics[1].BytesPerOp), "0 B", diagnostics[1].BytesPerOp == 0, IsTiming: false));
    targets.Add(new("metrics published: allocated per pair", B(diagnostics[3].BytesPerOp), "0 B", diagnostics[3].BytesPerOp == 0, IsTiming: false));
    targets.Add(new("metrics published / off, socket+close", X(diagnostics[3].Ratio), "<= 1.050x", diagnostics[3].Ratio <= 1.05));
    targets.Add(new("books of the diagnostics switches", diagnosticsOff.ToString(CultureInfo.InvariantCulture), "0", diagnosticsOff == 0, IsTiming: false));
}

if (Runs("process"))
{
    var processCases = new ProcessSocketsCases();
    var process = Interleaver.Run(processCases.Pairs(), pairsPerRound, rounds, warmup);
    Report.Group("new Socket + Dispose through .NET's System.Native (process-wide hook)", "pair", process);
    targets.Add(new("ProcessSockets installed / not, new Socket + Dispose", X(process[1].Ratio), "<= 1.030x", process[1].Ratio <= 1.03));
    targets.Add(new("ProcessSockets: sockets left in the table", processCases.Leaked.ToString(CultureInfo.InvariantCulture), "0", processCases.Leaked == 0, IsTiming: false));
}

if (Runs("anatomy"))
{
    // Short rounds, many of them: a round of 200 syscalls (about 0.2 ms) is often undisturbed, so the fastest rounds
    // show each layer's cost even on a busy machine.
    var anatomy = Interleaver.Run(new HookAnatomyCases().Calls(), 200, quick ? 21 : 401, warmup);
    Report.Group("the hook's layers on a real syscall, close(-1)", "call", anatomy);
    string Step(int from, int to) => string.Create(CultureInfo.InvariantCulture, $"{anatomy[to].NsBest - anatomy[from].NsBest:F1} ns");
    Console.WriteLine($"\nfastest rounds: reverse P/Invoke transition {Step(0, 1)}, errno saved and restored {Step(1, 2)}, hook entry without a switch {Step(0, 3)}, with the installed switch {Step(0, 4)}");
    targets.Add(new("hook's layers: allocated per call", B(anatomy.Max(a => a.BytesPerOp)), "0 B", anatomy.All(a => a.BytesPerOp == 0), IsTiming: false));
}

if (Runs("pingpong"))
{
    CaseResult[] pingPong;
    CaseResult[] pingPongProcess;
    var pingPongCases = new PingPongCases();
    try
    {
        pingPong = Interleaver.Run(pingPongCases.Switched(), pairsPerRound, rounds, warmup);
        pingPongProcess = Interleaver.Run(pingPongCases.ProcessWide(), pairsPerRound, rounds, warmup);
    }
    finally
    {
        pingPongCases.Dispose();
    }

    // Read once the pairs are closed: both switches' tables must then be empty and every open counted closed.
    long pingPongBooks = pingPongCases.Switches.Sum(s => Books.Discrepancies(s));

    Report.Group("64-byte send+recv ping-pong on a loopback pair (real kernel)", "ping-pong", pingPong);
    Report.Group("64-byte Socket.Send+Receive ping-pong through .NET's System.Native (process-wide hook)", "ping-pong", pingPongProcess);
    targets.Add(new("ping-pong: (c) switch / (a) raw", X(pingPong[1].Ratio), "<= 1.030x", pingPong[1].Ratio <= 1.03));
    targets.Add(new("ping-pong: (d) pass-through filters / (a) raw", X(pingPong[2].Ratio), "<= 1.060x", pingPong[2].Ratio <= 1.06));
    targets.Add(new("ping-pong: allocated per ping-pong through the switch", B(Math.Max(pingPong[1].BytesPerOp, pingPong[2].BytesPerOp)), "0 B", pingPong[1].BytesPerOp == 0 && pingPong[2].BytesPerOp == 0, IsTiming: false));
    targets.Add(new("ping-pong: ProcessSockets installed / not", X(pingPongProcess[1].Ratio), "<= 1.050x", pingPongProcess[1].Ratio <= 1.05));
    double pingPongHookBytes = pingPongProcess[1].BytesPerOp - pingPongProcess[0].BytesPerOp;
    targets.Add(new("ping-pong: allocated per ping-pong by the hook beyond unhooked", B(pingPongHookBytes), "0 B", NothingPerCall(pingPongHookBytes), IsTiming: false));
    targets.Add(new("ping-pong: books of the switches", pingPongBooks.ToString(CultureInfo.InvariantCulture), "0", pingPongBooks == 0, IsTiming: false));
}

if (Runs("scopes"))
{
    var scopeCases = new ScopeCases();
    var scopes = Interleaver.Run(scopeCases.Pairs(), pairsPerRound, rounds, warmup);
    Report.Group("new Socket + Dispose with 8 scopes open on other flows (process-wide hook)", "pair", scopes);
    targets.Add(new("8 scopes elsewhere, socket in a scope with no filter / not hooked", X(scopes[1].Ratio), "<= 1.050x", scopes[1].Ratio <= 1.05));
    targets.Add(new("8 scopes elsewhere, socket in no scope / not hooked", X(scopes[2].Ratio), "<= 1.030x", scopes[2].Ratio <= 1.03));
    // new Socket allocates the Socket itself: what counts is what the scopes add to the unhooked pair.
    double scopedExtraBytes = Math.Max(scopes[1].BytesPerOp, scopes[2].BytesPerOp) - scopes[0].BytesPerOp;
    targets.Add(new("scopes: allocated per pair beyond unhooked", B(scopedExtraBytes), "0 B", NothingPerCall(scopedExtraBytes), IsTiming: false));
    targets.Add(new("scopes: sockets left in the tables", scopeCases.Leaked.ToString(CultureInfo.InvariantCulture), "0", scopeCases.Leaked == 0, IsTiming: false));
}

if (Runs("lookups"))
{
    var lookups = Interleaver.Run(new HostLookupCases().Lookups(), quick ? 50 : 200, rounds, warmup);
    Report.Group("host-name lookup through .NET's System.Native (process-wide hook)", "lookup", lookups);
    targets.Add(new("ProcessSockets installed, no host filter / not, Dns lookup of localhost", X(lookups[1].Ratio), "<= 1.050x", lookups[1].Ratio <= 1.05));
    targets.Add(new("answered by a host filter / real lookup", X(lookups[2].Ratio), "< 1.000x", lookups[2].Ratio < 1.0));
}

Report.Targets(targets);
Console.WriteLine();
Console.WriteLine($"{targets.Count(t => t.Met)} of {targets.Count} targets met.");
var judged = targets.Where(t => !quick || !t.IsTiming).ToList();
var failed = judged.Where(t => !t.Met).ToList();
Console.WriteLine(quick
    ? $"--quick: {judged.Count} allocation and bookkeeping targets judged, {failed.Count} failed; no time is judged."
    : $"{failed.Count} targets failed.");
return failed.Count == 0 ? 0 : 1;
