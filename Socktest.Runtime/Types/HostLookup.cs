using System.Net.Sockets;

namespace Socktest;

/// <summary>A host-name lookup the runtime is about to make (<c>getaddrinfo</c>), as a <see cref="HostFilter"/> sees it.</summary>
/// <param name="HostName">The name looked up, as the runtime passed it.</param>
/// <param name="Family">The family asked for: <see cref="AddressFamily.Unspecified"/> for both.</param>
public readonly record struct HostLookup(string HostName, AddressFamily Family);
