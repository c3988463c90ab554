using Xunit;

// Several tests count the process's open descriptors (/proc/self/fd); no other test may open or close
// descriptors meanwhile, so the test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
