using System;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>Thrown when a scenario's expectation does not hold; any test framework reports it as a failure.</summary>
public sealed class ScenarioFailedException(string message) : Exception(message);

/// <summary>Framework-free assertions, so that one scenario runs under xunit (JIT) and TUnit (NativeAOT) alike.</summary>
public static class Check
{
    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            throw new ScenarioFailedException(what);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual))
        {
            throw new ScenarioFailedException($"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>Fails naming the sockets <see cref="Descriptors.OpenedSince"/> found.</summary>
    public static void NoSocketsLeft(System.Collections.Generic.IReadOnlyList<string> opened, string what)
    {
        if (opened.Count > 0)
        {
            throw new ScenarioFailedException($"{what}: {opened.Count} socket(s) left open ({string.Join(", ", opened)})");
        }
    }

    public static TException Throws<TException>(Action action, string what)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            throw new ScenarioFailedException($"{what}: expected {typeof(TException).Name}, got {other.GetType().Name}: {other.Message}");
        }

        throw new ScenarioFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }

    public static async Task<TException> ThrowsAsync<TException>(Func<Task> action, string what)
        where TException : Exception
    {
        try
        {
            await action();
        }
        catch (TException expected)
        {
            return expected;
        }
        catch (Exception other)
        {
            throw new ScenarioFailedException($"{what}: expected {typeof(TException).Name}, got {other.GetType().Name}: {other.Message}");
        }

        throw new ScenarioFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }
}
