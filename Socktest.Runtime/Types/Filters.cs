namespace Socktest;

/// <summary>
/// A filter that runs before a socket call on a socket the switch tracks (and before every <c>Socket</c> call).
/// </summary>
/// <param name="status">The socket's cookie; <see cref="Status.Err"/> and <see cref="Status.SocketErr"/> are
/// <see cref="Errno.None"/> before the call.</param>
/// <returns><see langword="default"/> to let the call proceed, <see cref="FilterResult.Fail(Errno)"/> to cancel it
/// with an errno, or <see cref="FilterResult.After(AfterFilter)"/> to proceed and inspect the outcome.</returns>
public delegate FilterResult Filter(Status status);

/// <summary>A filter that runs after a socket call, deployed by a <see cref="Filter"/>.</summary>
/// <param name="status">The socket's cookie, with <see cref="Status.Err"/> set to the call's errno (and
/// <see cref="Status.SocketErr"/> to the value read by <c>GetsockoptInt</c>).</param>
/// <returns><see cref="Errno.None"/> to keep the call's outcome, or an errno that the call then returns instead.</returns>
public delegate Errno AfterFilter(Status status);
