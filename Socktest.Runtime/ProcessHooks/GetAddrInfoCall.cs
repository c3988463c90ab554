namespace Socktest.ProcessHooks;

/// <summary><c>getaddrinfo</c>: a host-name lookup, which belongs to no socket, so it is not routed as the socket
/// calls are; <see cref="HostLookupHooks.Lookup"/> handles it.</summary>
[HookedImport("getaddrinfo")]
internal readonly unsafe struct GetAddrInfoCall(byte* node, byte* service, HostLookupHooks.AddrInfo* hints, HostLookupHooks.AddrInfo** result)
{
    public int Invoke() => HostLookupHooks.Lookup(node, service, hints, result);
}
