using System.Collections.Generic;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// The installed process-wide switch (see <see cref="ProcessSockets.Install"/>): every socket call that .NET's own
/// <c>Socket</c>, <c>TcpClient</c>, <c>TcpListener</c> and <c>HttpClient</c> make on a socket no
/// <see cref="SocketScope"/> owns goes through it. Dispose it to restore the original calls.
/// </summary>
public sealed class InstalledSocketSwitch : ProcessSwitch
{
    internal InstalledSocketSwitch(HookedSwitch host, IReadOnlyList<string> warnings)
        : base(host, warnings)
    {
    }
}
