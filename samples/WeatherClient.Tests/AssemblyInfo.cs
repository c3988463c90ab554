using Xunit.Sdk;
using Xunit.v3;

// Every test installs the process-wide switch, and a process has one at a time: the tests run one after another.
[assembly: Parallelization(Mode = ParallelMode.None)]
