using Xunit;

namespace Socktest.Tests.Support;

/// <summary>Tests that count the process's open sockets (<see cref="Scenarios.Descriptors.Sockets"/>): no other test may open or close
/// a socket meanwhile, so xunit runs this collection alone, after the classes that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietDescriptorTable
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "quiet descriptor table";
}
