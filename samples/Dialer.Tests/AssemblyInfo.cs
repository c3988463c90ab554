using Xunit.Sdk;
using Xunit.v3;

// The tests measure elapsed time against the fallback delay; running them one at a time keeps that honest on a
// busy machine.
[assembly: Parallelization(Mode = ParallelMode.None)]
