using Xunit;

// Every test installs the process-wide switch, and a process has one at a time: the tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
