using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Samples.Weather.Tests;

/// <summary>The weather client explored: no fault named by the test. The explorer runs one forecast request in a scope
/// of its own, records every point where a fault can go (HttpClient's socket, connect, sends and receives, and the
/// lookup of the API's name, which the scenario maps to Kestrel on loopback), then reruns it once per point and fault
/// of the default menu. The client's resilience handler retries each of them, so every run survives; the report says
/// how many runs that took and what they were.</summary>
public class ExplorerTests
{
    private const string ApiHost = "weather-explorer.example.test";

    [Fact]
    public async Task EveryFaultOfTheDefaultMenuAtEveryPointOfOneRequestIsSurvived()
    {
        await using var api = await WeatherApi.StartAsync();      // outside every scope: the faults land on the client
        var url = new Uri($"http://{ApiHost}:{api.Url.Port}/");
        var options = new ExploreOptions
        {
            MaxFaults = 1,
            Parallelism = 8,                                       // most runs wait: on a blackhole, on a retry's delay
            RunTimeout = TimeSpan.FromSeconds(12),
            Menu = Menu(),
        };

        var report = await SocketFaultExplorer.ExploreAsync(
            async scope =>
            {
                scope.SetHostFilter(HostFilters.Map(ApiHost, IPAddress.Loopback));
                await using var weather = new ClientUnderTest(url);
                var forecast = await weather.Client.GetForecastAsync("Oslo");
                if (forecast != WeatherApi.ForecastFor("Oslo"))
                {
                    throw new InvalidOperationException($"Wrong forecast: {forecast}.");
                }
            },
            options);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, report.Runs));
        report.AssertAllSurvived();
        Assert.Contains(report.Points, point => point.Kind == FaultPointKind.HostLookup && point.HostName == ApiHost);
        Assert.Contains(report.Points, point => point.Kind == FaultPointKind.Connect);
        Assert.Contains(report.Runs, run => run.Schedule.Faults.Count == 1 && run.Injected == 1);
    }

    /// <summary>The default menu less the slow lookup: .NET serialises lookups of one name process-wide, so a delayed
    /// lookup of the API's name would hold up every parallel run's.</summary>
    private static Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>> Menu()
    {
        var menu = ExploreOptions.DefaultMenu();
        menu[FaultPointKind.HostLookup] = menu[FaultPointKind.HostLookup].Where(fault => !fault.Equals(ExploreFault.SlowLookup(TimeSpan.FromSeconds(1)))).ToArray();
        return menu;
    }
}
