using System;

namespace Socktest;

/// <summary>Thrown by <see cref="ExploreReport.AssertAllSurvived"/> when a run of the scenario failed, leaked or hung;
/// the message is the report's table, with the smallest schedule of each failure.</summary>
public sealed class FaultExplorationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FaultExplorationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The report's table.</param>
    public FaultExplorationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FaultExplorationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
