namespace Socktest.Infrastructure;

/// <summary>One row of the socket table.</summary>
/// <param name="Cookie">The socket's (family, type, protocol).</param>
/// <param name="Generation">Tells this socket apart from an earlier one that had the same descriptor number.</param>
/// <param name="Closing">A close of this descriptor is in flight.</param>
internal readonly record struct SocketEntry(Cookie Cookie, long Generation, bool Closing);
