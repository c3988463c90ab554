namespace Socktest;

/// <summary>A filter that runs after a socket call, deployed by a <see cref="Filter"/>.</summary>
/// <param name="status">The socket's cookie, with <see cref="Status.Err"/> set to the call's errno (and
/// <see cref="Status.SocketErr"/> to the value read by <c>GetsockoptInt</c>).</param>
/// <returns><see cref="Errno.None"/> to keep the call's outcome, or an errno that the call then returns instead.</returns>
public delegate Errno AfterFilter(Status status);
