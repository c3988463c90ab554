using Xunit;

// Several tests count the process's open sockets (/proc/self/fd); no other test may open or close
// sockets meanwhile, so the test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
