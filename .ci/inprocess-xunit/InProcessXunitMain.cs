// Compiled into the test assembly only by .ci/inprocess-xunit/InProcessXunit.targets (a CI publish), never by a
// normal build. An xunit v3 test project is its own runner already (xunit's generated Main hands the arguments to its
// in-process console runner); this Main does the same after printing which process runs the tests, so .ci/arm64.sh
// can check that they ran as an arm64 process and not, say, on the host's x64 runtime.
//
// Usage: <test executable> [xunit v3 runner options]; `-?` lists them (filters such as -method- "Prefix*",
// reporters such as -reporter verbose). Exit code: the runner's (0 when every test that ran passed).
using System;
using System.Runtime.InteropServices;
using Xunit.Runner.InProc.SystemConsole;

namespace Socktest.InProcessXunit;

internal static class InProcessXunitMain
{
    private static int Main(string[] args)
    {
        Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        return ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
