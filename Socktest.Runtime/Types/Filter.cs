namespace Socktest;

/// <summary>
/// A filter that runs before a socket call on a socket the switch tracks (and before every <c>Socket</c> call).
/// </summary>
/// <param name="status">The socket's cookie; <see cref="Status.Err"/> and <see cref="Status.SocketErr"/> are
/// <see cref="Errno.None"/> before the call.</param>
/// <returns><see langword="default"/> to let the call proceed, <see cref="FilterResult.Fail(Errno)"/> to cancel it
/// with an errno, or <see cref="FilterResult.After(AfterFilter)"/> to proceed and inspect the outcome.</returns>
public delegate FilterResult Filter(Status status);
