namespace Socktest;

/// <summary>Decides a host-name lookup of the runtime (<c>Dns</c>, <c>SocketsHttpHandler</c>); runs before it.</summary>
/// <param name="lookup">The lookup.</param>
/// <returns>What to do: <c>default</c> lets the real resolver answer.</returns>
public delegate HostAnswer HostFilter(HostLookup lookup);
