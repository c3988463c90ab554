using Socktest.Samples.ParallelScopes.Tests;
using Xunit;

// One Kestrel server for the whole run, shared by every test class (each class is its own collection, so they run in
// parallel).
[assembly: AssemblyFixture(typeof(ApiServer))]
