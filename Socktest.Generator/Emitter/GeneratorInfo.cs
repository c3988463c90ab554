namespace Socktest.Generator.Emitter;

internal static class GeneratorInfo
{
    /// <summary>Written into [GeneratedCode]; read from the assembly so the version lives only in Directory.Build.props.</summary>
    public static readonly string Version =
        typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
