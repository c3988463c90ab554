using System.Net.Sockets;

namespace Socktest;

/// <summary>Why a host-name lookup fails: the resolver's own error codes, as .NET reports them.</summary>
public enum HostError
{
    /// <summary><c>EAI_NONAME</c>: the name does not exist. .NET: <see cref="SocketError.HostNotFound"/>.</summary>
    HostNotFound,

    /// <summary><c>EAI_AGAIN</c>: a temporary failure of the name server. .NET: <see cref="SocketError.TryAgain"/>.</summary>
    TryAgain,

    /// <summary><c>EAI_FAIL</c>: a failure the name server cannot recover from. .NET: <see cref="SocketError.NoRecovery"/>.</summary>
    NoRecovery,
}
