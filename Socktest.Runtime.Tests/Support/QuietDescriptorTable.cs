using Xunit;

namespace Socktest.Tests.Support;

/// <summary>Tests that compare the process's open sockets before and after (<see cref="Scenarios.Descriptors.OpenSockets"/>):
/// no other test may open a socket meanwhile, so xunit runs this collection alone, after the classes that run in
/// parallel. The comparison is by inode, so a socket another test left to the finalizer, closing meanwhile, is no
/// failure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietDescriptorTable
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "quiet descriptor table";
}
