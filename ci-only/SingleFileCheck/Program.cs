using System;
using Socktest;

// Exits 0 when the process-wide switch refuses this single-file app with a clear PlatformNotSupportedException,
// 1 when it installed (it must not), 2 when it failed any other way.
try
{
    using var sockets = ProcessSockets.Install();
    Console.Error.WriteLine("FAIL: ProcessSockets.Install() succeeded in a self-contained single-file app.");
    return 1;
}
catch (PlatformNotSupportedException refused) when (refused.Message.Contains("single-file", StringComparison.Ordinal))
{
    Console.WriteLine("OK: refused as expected: " + refused.Message);
    return 0;
}
catch (Exception other)
{
    Console.Error.WriteLine($"FAIL: expected PlatformNotSupportedException, got {other.GetType().Name}: {other.Message}");
    return 2;
}
