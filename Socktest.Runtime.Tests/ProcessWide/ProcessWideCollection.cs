using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Only one process-wide switch can be installed at a time, so these tests never run side by side.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide sockets";
}
