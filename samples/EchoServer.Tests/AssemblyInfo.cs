using Xunit.Sdk;
using Xunit.v3;

// The backoff test counts accept calls over a fixed window; running the tests one at a time keeps that honest on a
// busy machine.
[assembly: Parallelization(Mode = ParallelMode.None)]
