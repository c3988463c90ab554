using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Socktest;

/// <summary>One host-name lookup the process-wide switch saw, and how it ended.</summary>
/// <param name="HostName">The name looked up.</param>
/// <param name="Family">The family asked for.</param>
/// <param name="Addresses">The addresses the runtime got (empty when it failed).</param>
/// <param name="Error">The resolver's error, or <see langword="null"/>; a real failure that is none of
/// <see cref="HostError"/>'s (a system error, say) is <see cref="HostError.NoRecovery"/>.</param>
/// <param name="Injected">Whether a <see cref="HostFilter"/> decided it (answered or failed) rather than the real resolver.</param>
public sealed record HostLookupRecord(string HostName, AddressFamily Family, IReadOnlyList<IPAddress> Addresses, HostError? Error, bool Injected);
