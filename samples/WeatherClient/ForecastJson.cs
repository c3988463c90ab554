using System.Text.Json;
using System.Text.Json.Serialization;

namespace Socktest.Samples.Weather;

/// <summary>The JSON contract, generated at build time so the client needs no reflection (and trims).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Forecast))]
public sealed partial class ForecastJson : JsonSerializerContext;
