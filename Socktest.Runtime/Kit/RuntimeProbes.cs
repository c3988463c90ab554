using System.Net;
using System.Net.Sockets;

namespace Socktest.Kit;

/// <summary>
/// Makes the runtime open its protocol-probe sockets before the hook is written, so that they belong to no switch.
/// </summary>
/// <remarks>The first time a process needs to know whether IPv4, IPv6 and local sockets are supported, the runtime
/// opens and closes a datagram socket of each family (protocol 0), once per assembly that carries the check: System.Net.Sockets
/// (any <see cref="Socket"/>, <c>TcpClient</c>, <c>HttpClient</c>) and System.Net.NameResolution (the first name
/// lookup that gets an answer) each have their own copy, so a process opens two sets. Left to happen on their own,
/// they happen inside whichever test uses sockets or looks a name up first, and land in that test's scope. Asked
/// for here, before the first switch writes the hook, they reach the kernel directly and no switch ever sees them.
/// The lookup is of <c>localhost</c>, which the resolver answers from the hosts file.</remarks>
internal static class RuntimeProbes
{
    private static readonly object Gate = new();
    private static bool s_done;

    /// <summary>Runs the probes once per process; later calls return at once.</summary>
    internal static void Run()
    {
        lock (Gate)
        {
            if (s_done)
            {
                return;
            }

            s_done = true;
            _ = Socket.OSSupportsIPv4;
            try
            {
                _ = Dns.GetHostAddresses("localhost");
            }
            catch (SocketException)
            {
                // No resolver answer (a machine without a hosts file): the lookup probes nothing, and a later one will,
                // which SocketMatch.RuntimeProbes still recognises.
            }
        }
    }
}
