namespace Socktest.Samples.Weather;

/// <summary>One city's forecast, as the weather API returns it.</summary>
/// <param name="City">The city asked about.</param>
/// <param name="TemperatureC">The temperature in degrees Celsius.</param>
/// <param name="Summary">A word or two: "Mild", "Freezing".</param>
public sealed record Forecast(string City, int TemperatureC, string Summary);
