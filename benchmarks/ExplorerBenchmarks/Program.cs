using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Socktest;

// The explorer's cost beside the scenario's: a new HttpClient making --requests HTTP GETs (default 1) over one new
// connection to Kestrel on loopback, at the same parallelism throughout.
//  (a) plain: the scenario alone, N times;
//  (b) replayed with no fault: SocketFaultExplorer.ReplayAsync(scenario, FaultSchedule.None), N times: what the explorer
//      adds to every run (a scope, recording filters on every call, the leak check) with the scenario unchanged;
//  (c) an exploration: ExploreAsync with a menu whose faults the client survives at once (short reads and writes),
//      runs per second, and the time of the same number of plain runs.
//  (h) the scenario with the hook written but in no scope, N times: what every socket call pays for the hook alone;
//  (s) the scenario in a scope of its own with no filter, N times: the part of (b) that any scoped test pays.
// Rounds alternate (a), (h), (s) and (b) and the medians are reported.
// dotnet run -c Release --project benchmarks/ExplorerBenchmarks [-- --rounds 15 --runs 200 --parallelism 4 --requests 1 --only ahsb]
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int rounds = int.Parse(Option("--rounds") ?? "15", CultureInfo.InvariantCulture);
int runs = int.Parse(Option("--runs") ?? "200", CultureInfo.InvariantCulture);
int parallelism = int.Parse(Option("--parallelism") ?? "4", CultureInfo.InvariantCulture);
int requests = int.Parse(Option("--requests") ?? "1", CultureInfo.InvariantCulture);

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
await using var app = builder.Build();
app.Run(context => context.Response.WriteAsync("hello from kestrel"));
await app.StartAsync();
var url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

async Task Scenario(SocketScope? scope)
{
    using var http = new HttpClient();
    for (int request = 0; request < requests; request++)
    {
        string body = await http.GetStringAsync(url);
        if (body != "hello from kestrel")
        {
            throw new InvalidOperationException(body);
        }
    }
}

async Task<double> Parallel(int count, Func<Task> run)
{
    using var slots = new SemaphoreSlim(parallelism);
    var watch = Stopwatch.StartNew();
    var tasks = new List<Task>(count);
    for (int i = 0; i < count; i++)
    {
        await slots.WaitAsync();
        tasks.Add(Task.Run(async () =>
        {
            try
            {
                await run();
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    await Task.WhenAll(tasks);
    return watch.Elapsed.TotalMilliseconds;
}

var options = new ExploreOptions { Parallelism = parallelism, Confirmations = 0 };
int survived = 0;
async Task Replay()
{
    var run = await SocketFaultExplorer.ReplayAsync(Scenario, FaultSchedule.None, options);
    if (run.Outcome == ExploreOutcome.Survived)
    {
        Interlocked.Increment(ref survived);
    }
}

await Parallel(runs / 4, () => Scenario(null));                // warm-up: JIT, connection code, Kestrel
await Parallel(runs / 4, Replay);
survived = 0;

async Task Scoped()
{
    using var scope = ProcessSockets.BeginScope();
    await Scenario(scope);
}

// Inside an exploration the hook stays written between runs (the explorer holds a scope that owns nothing); so here.
SocketScope? keeper = null;
async Task<double> Held(Func<Task<double>> measure)
{
    keeper = await Task.Run(ProcessSockets.BeginScope);
    try
    {
        return await measure();
    }
    finally
    {
        keeper.Dispose();
    }
}

// --only with some of "ahsb" measures only those rows, for a profiler (perf) to see one of them alone; the exploration
// (c) runs only without it.
string only = Option("--only") ?? "ahsb";
var plain = new Column();
var hooked = new Column();
var scoped = new Column();
var replayed = new Column();
var rows = new (char Name, Column Column, Func<Task<double>> Measure)[]
{
    ('a', plain, () => Parallel(runs, () => Scenario(null))),
    ('h', hooked, () => Held(() => Parallel(runs, () => Scenario(null)))),
    ('s', scoped, () => Held(() => Parallel(runs, Scoped))),
    ('b', replayed, () => Held(() => Parallel(runs, Replay))),
};
for (int round = 0; round < rounds; round++)
{
    foreach (var (name, column, measure) in rows)
    {
        if (only.Contains(name, StringComparison.Ordinal))
        {
            await column.Measure(measure);
        }
    }
}

double plainMs = Column.Median(plain.Wall);
double plainCpuMs = Column.Median(plain.Cpu);
string Line(Column column)
{
    double wall = Column.Median(column.Wall), cpu = Column.Median(column.Cpu), allocated = Column.Median(column.Allocated);
    return string.Create(CultureInfo.InvariantCulture,
        $"{wall,9:F1} ms  {runs / wall * 1000,8:F0} runs/s  {wall / plainMs:F3}x of (a)  CPU {cpu / runs * 1000,6:F0} us/run {cpu / plainCpuMs:F3}x  {allocated / runs / 1024,6:F1} KiB allocated/run");
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Explorer cost — .NET {Environment.Version}, {Environment.ProcessorCount} cores, parallelism {parallelism}, {requests} request(s) a run, {runs} runs a round, {rounds} rounds, medians"));
Console.WriteLine($"(a) plain scenario                  {Line(plain)}");
Console.WriteLine($"(h) hook written, no scope of its own {Line(hooked)}");
Console.WriteLine($"(s) in a scope of its own, no filter {Line(scoped)}");
Console.WriteLine($"(b) explorer run, no fault          {Line(replayed)}   survived {survived} of {runs * rounds}");

if (only != "ahsb")
{
    return 0;
}

var shorts = Enumerable.Range(1, 16).Select(ExploreFault.Short).ToArray();
var menu = new Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>>
{
    [FaultPointKind.Send] = shorts,
    [FaultPointKind.Recv] = shorts,
};
var explorations = new List<(double Explore, double Plain, int Runs, double ExploreCpu, double PlainCpu)>();
for (int round = 0; round < Math.Max(3, rounds / 3); round++)
{
    var watch = Stopwatch.StartNew();
    double cpuBefore = Column.CpuMs();
    var report = await SocketFaultExplorer.ExploreAsync(Scenario, new ExploreOptions { Parallelism = parallelism, Confirmations = 0, MaxFaults = 2, MaxRuns = runs, Menu = menu });
    double exploreMs = watch.Elapsed.TotalMilliseconds;
    double exploreCpu = Column.CpuMs() - cpuBefore;
    report.AssertAllSurvived();
    cpuBefore = Column.CpuMs();
    double plainRunsMs = await Parallel(report.Runs.Count, () => Scenario(null));
    explorations.Add((exploreMs, plainRunsMs, report.Runs.Count, exploreCpu, Column.CpuMs() - cpuBefore));
}

var middle = explorations.OrderBy(e => e.Explore / e.Plain).ElementAt(explorations.Count / 2);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(c) exploration, {middle.Runs} runs (short reads/writes of 1-16 bytes, 2 deep) {middle.Explore,9:F1} ms  {middle.Runs / middle.Explore * 1000,8:F0} runs/s  {middle.Explore / middle.Plain:F3}x of as many plain runs ({middle.Plain:F1} ms); CPU {middle.ExploreCpu / middle.Runs * 1000:F0} us/run, {middle.ExploreCpu / middle.PlainCpu:F3}x"));
await app.StopAsync();
return 0;

/// <summary>One row's measurements, a value per round: wall time, the process's CPU time and the bytes allocated (ms, ms, bytes).</summary>
internal sealed class Column
{
    public List<double> Wall { get; } = [];

    public List<double> Cpu { get; } = [];

    public List<double> Allocated { get; } = [];

    public static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    /// <summary>The CPU time of the whole process (every thread: client, server, explorer), in ms: on 2 cores at
    /// parallelism 4 a run that costs more CPU is slower, while time a run spends waiting costs none.</summary>
    public static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    public async Task Measure(Func<Task<double>> measure)
    {
        double cpuBefore = CpuMs();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        Wall.Add(await measure());
        Cpu.Add(CpuMs() - cpuBefore);
        Allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }
}
