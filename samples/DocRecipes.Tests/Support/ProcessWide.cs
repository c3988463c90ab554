using Xunit;

namespace DocRecipes.Support;

/// <summary>The recipes that call <see cref="ProcessSockets.Install"/>: a process has one installed switch at a time, so
/// they run one after another, and (xunit runs collections with parallelisation off after the parallel ones) never
/// beside the recipes on scopes and generated switches.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "process-wide switch";
}
