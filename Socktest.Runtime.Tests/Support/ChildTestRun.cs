using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Socktest.Tests.Support;

/// <summary>Runs one test of this assembly in a child process under a hard timeout: a test that could hang, spin or
/// kill its process fails alone, with its output, instead of taking the whole run down. The child runs the test
/// project's own xunit v3 executable with <c>-method</c>, and <see cref="InChild"/> set: through the same <c>dotnet</c>
/// when the tests run under it (<c>dotnet test</c>), or the test executable itself when it was published (the arm64
/// run); <c>SOCKTEST_CHILD_LAUNCHER</c>, when set, is put before it (under qemu-user, <c>qemu-aarch64 -L ...</c>, which
/// an emulated process needs to start another emulated one).</summary>
internal static class ChildTestRun
{
    private const string Variable = "SOCKTEST_CHILD_TEST";

    /// <summary>Whether this process is such a child.</summary>
    public static bool InChild => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Runs <paramref name="type"/>'s <paramref name="method"/> in a child and asserts that it passed within
    /// <paramref name="timeout"/>; the child (and anything it started) is killed at the timeout.</summary>
    public static void Run(Type type, string method, TimeSpan timeout)
    {
        string assembly = Assembly.GetExecutingAssembly().Location;
        // Under qemu-user the runtime cannot tell its own path; a published test project's executable is named
        // after its assembly, beside it.
        string process = Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(assembly));
        var command = (Environment.GetEnvironmentVariable("SOCKTEST_CHILD_LAUNCHER") ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        command.Add(process);
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            command.Add("exec");
            command.Add(assembly);
        }

        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-method");
        start.ArgumentList.Add(type.FullName + "." + method);
        start.Environment[Variable] = "1";

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(timeout))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.Fail($"{method} did not end within {timeout} and was killed. Output:\n{output.Result}\n{errors.Result}");
        }

        child.WaitForExit();
        string text = output.Result + errors.Result;
        Assert.True(child.ExitCode == 0 && text.Contains("Total: 1, Errors: 0, Failed: 0, Skipped: 0", StringComparison.Ordinal),
            $"{method} in a child process: exit code {child.ExitCode}. Output:\n{text}");
    }
}
