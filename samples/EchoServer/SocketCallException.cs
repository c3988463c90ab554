using System.IO;
using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>A socket call failed while the server was setting up its listener.</summary>
public sealed class SocketCallException : IOException
{
    /// <summary>Creates the exception for <paramref name="call"/> failing with <paramref name="error"/>.</summary>
    /// <param name="call">The call's name, such as <c>bind</c>.</param>
    /// <param name="error">Its errno.</param>
    public SocketCallException(string call, Errno error)
        : base($"{call} failed with {error}: {error.Message}")
    {
        Call = call;
        Error = error;
    }

    /// <summary>The call that failed.</summary>
    public string Call { get; }

    /// <summary>Its errno.</summary>
    public Errno Error { get; }
}
