using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Socktest;

/// <summary>One host-name lookup the process-wide switch saw, and how it ended.</summary>
/// <param name="HostName">The name looked up.</param>
/// <param name="Family">The family asked for.</param>
/// <param name="Addresses">The addresses the runtime got (empty when it failed).</param>
/// <param name="Error">The resolver's error, or <see langword="null"/>; a real failure that is none of
/// <see cref="HostError"/>'s (a system error, say) is <see cref="HostError.NoRecovery"/>.</param>
/// <param name="Injected">Whether a <see cref="HostFilter"/> decided it (answered or failed) rather than the real resolver.</param>
public sealed record HostLookupRecord(string HostName, AddressFamily Family, IReadOnlyList<IPAddress> Addresses, HostError? Error, bool Injected)
{
    /// <summary>The members as a record prints them, with the addresses themselves (<c>[127.0.0.1, ::1]</c>) rather
    /// than the list's type name.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"HostName = {HostName}, Family = {Family}, Addresses = [");
        builder.AppendJoin(", ", Addresses);
        builder.Append(CultureInfo.InvariantCulture, $"], Error = {Error}, Injected = {Injected}");
        return true;
    }
}
