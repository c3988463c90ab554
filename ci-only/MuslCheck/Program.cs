using System;
using System.Runtime.InteropServices;
using Socktest;
using Socktest.Interop;

// Exit codes: 0 every check passed, 1 a check failed, 3 not a musl process (the check means nothing elsewhere).
if (!RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"FAIL: not a musl process ({RuntimeInformation.RuntimeIdentifier}); publish for linux-musl-x64.");
    return 3;
}

Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.FrameworkDescription}");
int failures = 0;

// 1. The generated switch: only libc's socket and close, which musl has like glibc.
var calls = new SocketCallsSwitch();
int fd = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
int opened = calls.Sockets().Count;
int closed = fd >= 0 ? calls.Close(fd) : -1;
string stat = string.Join("; ", calls.Stats());
Check(fd >= 0 && opened == 1 && closed == 0 && calls.Sockets().Count == 0
      && stat == "(inet4, stream, default): opened=1 connected=0 listened=0 accepted=0 closed=1 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
    $"generated switch: socket() = {fd}, {opened} open, close() = {closed}, stats {stat}");

// 2. The process-wide switch refuses musl with a reason, both when asked and when installed.
bool supported = ProcessSockets.IsSupported(out string? reason);
Check(!supported && reason is not null && reason.Contains("musl", StringComparison.Ordinal),
    $"ProcessSockets.IsSupported = {supported}, reason: {reason ?? "(none)"}");
try
{
    using var sockets = ProcessSockets.Install();
    Check(false, "ProcessSockets.Install() succeeded on musl, which it does not claim to support");
}
catch (PlatformNotSupportedException refused)
{
    Check(refused.Message == reason, $"ProcessSockets.Install() refused: {refused.Message}");
}

Console.WriteLine(failures == 0 ? "OK: musl checks passed" : $"FAIL: {failures} musl check(s) failed");
return failures == 0 ? 0 : 1;

void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok:   " : "FAIL: ") + what);
    failures += ok ? 0 : 1;
}

[SocketSyscalls]
public partial interface ISocketCalls
{
    int Socket(int family, int type, int protocol);

    int Close(int fd);
}
