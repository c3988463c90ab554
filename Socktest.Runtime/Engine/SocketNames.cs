using System.Globalization;
using Socktest.Interop;

namespace Socktest.Engine;

/// <summary>Go's names for address families, socket types and protocols, as socktest prints them.</summary>
internal static class SocketNames
{
    internal static string Triple(int family, int type, int protocol)
        => $"({Family(family)}, {Type(type)}, {Protocol(protocol)})";

    internal static string Family(int family)
    {
        if (family == SocketConstants.AF_INET)
        {
            return "inet4";
        }

        if (family == SocketConstants.AF_INET6)
        {
            return "inet6";
        }

        return family == SocketConstants.AF_UNIX ? "local" : family.ToString(CultureInfo.InvariantCulture);
    }

    internal static string Type(int type)
    {
        int baseType = type & 0xff;
        string name = baseType switch
        {
            1 => "stream",
            2 => "datagram",
            3 => "raw",
            5 => "seqpacket",
            _ => baseType.ToString(CultureInfo.InvariantCulture),
        };

        // Go's Cookie.Type() is the cookie's 32 type bits as an unsigned value, so bit 31 prints as 0x80000000.
        uint flags = (uint)type & ~0xffu;
        return flags == 0 ? name : name + "|0x" + flags.ToString("x", CultureInfo.InvariantCulture);
    }

    internal static string Protocol(int protocol)
    {
        if (protocol == 0)
        {
            return "default";
        }

        if (protocol == SocketConstants.IPPROTO_TCP)
        {
            return "tcp";
        }

        return protocol == SocketConstants.IPPROTO_UDP ? "udp" : protocol.ToString(CultureInfo.InvariantCulture);
    }
}
