// Compiled into the test assembly only by .ci/inprocess-xunit/InProcessXunit.targets (a CI publish), never by a
// normal build. Runs the assembly's own xunit v2 tests in process through xunit's execution engine
// (xunit.extensibility.execution, already referenced by every xunit test project): discovery, collections, the
// assembly's CollectionBehavior, async tests and skips behave as under `dotnet test`.
//
// Usage: <test executable> [--exclude PREFIX REASON]... [--only PREFIX]...
//   PREFIX matches the start of "Namespace.Class.Method". --only keeps matching tests (any of them); --exclude then
//   drops matching tests and prints each with its REASON, so an exclusion is never silent.
// Exit code: 0 when every test that ran passed and at least one ran, 1 otherwise.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Socktest.InProcessXunit;

internal static class InProcessXunitMain
{
    private static int Main(string[] args)
    {
        var only = new List<string>();
        var excluded = new List<(string Prefix, string Reason)>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length:
                    only.Add(args[++i]);
                    break;
                case "--exclude" when i + 2 < args.Length:
                    excluded.Add((args[i + 1], args[i + 2]));
                    i += 2;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'; usage: [--only PREFIX]... [--exclude PREFIX REASON]...");
                    return 2;
            }
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Assembly assembly = typeof(InProcessXunitMain).Assembly;
        var diagnostics = new Sink();
        using var framework = new XunitTestFramework(diagnostics);

        var discovery = new Sink();
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        discoverer.Find(includeSourceInformation: false, discovery, new Options());
        discovery.Finished.WaitOne();

        var selected = new List<ITestCase>();
        int notSelected = 0;
        foreach (var testCase in discovery.TestCases)
        {
            string name = NameOf(testCase);
            if (only.Count > 0 && !only.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                notSelected++;
                continue;
            }

            var exclusion = excluded.FirstOrDefault(e => name.StartsWith(e.Prefix, StringComparison.Ordinal));
            if (exclusion.Prefix is not null)
            {
                Console.WriteLine($"[EXCLUDED] {testCase.DisplayName}: {exclusion.Reason}");
                notSelected++;
                continue;
            }

            selected.Add(testCase);
        }

        Console.WriteLine($"{assembly.GetName().Name}: {discovery.TestCases.Count} test cases discovered, {selected.Count} selected, {notSelected} not selected ({total.Elapsed.TotalSeconds:F1} s)");

        var execution = new Sink();
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(selected, execution, new Options());
        execution.Finished.WaitOne();

        Console.WriteLine($"Tests run: {execution.Run}, passed: {execution.Passed}, failed: {execution.Failed}, skipped: {execution.Skipped}; " +
                          $"test time {execution.ExecutionTime:F1} s, wall time {total.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"{execution.Passed} passed, {execution.Failed} failed, {execution.Skipped} skipped");
        return execution.Failed == 0 && execution.Errors == 0 && execution.Passed > 0 ? 0 : 1;
    }

    private static string NameOf(ITestCase testCase)
        => testCase.TestMethod.TestClass.Class.Name + "." + testCase.TestMethod.Method.Name;

    /// <summary>Every exception of a failure (outer first), each with its type, message and stack trace.</summary>
    private static string Describe(IFailureInformation failure)
        => string.Join(Environment.NewLine + "---- ", failure.ExceptionTypes.Select((type, i) =>
            $"{type}: {failure.Messages[i]}{Environment.NewLine}{failure.StackTraces[i]}"));

    /// <summary>Discovery and execution options: none set, so xunit's defaults (and the assembly's attributes) apply.</summary>
    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name)
            => _values.TryGetValue(name, out object? value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    /// <summary>Collects discovered test cases and prints each result as it arrives.</summary>
    private sealed class Sink : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<ITestCase> TestCases { get; } = new();

        public ManualResetEvent Finished { get; } = new(false);

        public int Run { get; private set; }

        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public int Errors { get; private set; }

        public decimal ExecutionTime { get; private set; }

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (this)
            {
                switch (message)
                {
                    case ITestCaseDiscoveryMessage discovered:
                        TestCases.Add(discovered.TestCase);
                        break;
                    case IDiscoveryCompleteMessage:
                        Finished.Set();
                        break;
                    case ITestPassed passed:
                        Passed++;
                        Console.WriteLine($"[PASS] {passed.Test.DisplayName} ({passed.ExecutionTime:F3} s)");
                        break;
                    case ITestFailed failed:
                        Failed++;
                        Console.WriteLine($"[FAIL] {failed.Test.DisplayName} ({failed.ExecutionTime:F3} s)");
                        Console.WriteLine(Describe(failed));
                        break;
                    case ITestSkipped skipped:
                        Skipped++;
                        Console.WriteLine($"[SKIP] {skipped.Test.DisplayName}: {skipped.Reason}");
                        break;
                    case IErrorMessage error:
                        Errors++;
                        Console.WriteLine($"[ERROR] {Describe(error)}");
                        break;
                    case ITestAssemblyCleanupFailure cleanup:
                        Errors++;
                        Console.WriteLine($"[ERROR] assembly cleanup: {Describe(cleanup)}");
                        break;
                    case ITestCollectionCleanupFailure cleanup:
                        Errors++;
                        Console.WriteLine($"[ERROR] collection cleanup: {Describe(cleanup)}");
                        break;
                    case ITestClassCleanupFailure cleanup:
                        Errors++;
                        Console.WriteLine($"[ERROR] class cleanup: {Describe(cleanup)}");
                        break;
                    case ITestAssemblyFinished finished:
                        Run = finished.TestsRun;
                        ExecutionTime = finished.ExecutionTime;
                        Finished.Set();
                        break;
                }
            }

            return true;
        }
    }
}
