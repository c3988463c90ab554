using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Socktest;

/// <summary>
/// Thrown by <see cref="SocketSwitchExtensions.AssertNoLeaks"/> (and <see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>,
/// once it has waited) when sockets are still open. The message is Go's
/// <c>printInflightSockets</c> then <c>printSocketStats</c> text (see <see cref="SocketReports"/>).
/// </summary>
public sealed class SocketLeakException : Exception
{
    /// <summary>Creates the exception with no leaked sockets and a default message.</summary>
    public SocketLeakException()
        : this("Sockets are still open.")
    {
    }

    /// <summary>Creates the exception with no leaked sockets.</summary>
    /// <param name="message">The message.</param>
    public SocketLeakException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with no leaked sockets.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public SocketLeakException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Leaked = [];
        OpenSites = new Dictionary<int, StackTrace>();
    }

    /// <summary>Creates the exception for the sockets that leaked.</summary>
    /// <param name="leaked">The leaked sockets, ordered by descriptor.</param>
    /// <param name="message">The report.</param>
    /// <param name="openSites">Where the leaked sockets were opened, for those recorded.</param>
    internal SocketLeakException(IReadOnlyList<Status> leaked, string message, IReadOnlyDictionary<int, StackTrace> openSites)
        : base(message)
    {
        Leaked = leaked;
        OpenSites = openSites;
    }

    /// <summary>The sockets still open that the check did not excuse, ordered by descriptor; each one's
    /// <see cref="Status.Descriptor"/> is its descriptor number.</summary>
    public IReadOnlyList<Status> Leaked { get; }

    /// <summary>Where each leaked socket was opened, by descriptor, for the sockets opened while
    /// <see cref="SocketSwitchDiagnostics.RecordOpenSites"/> was on; empty otherwise.</summary>
    public IReadOnlyDictionary<int, StackTrace> OpenSites { get; }
}
