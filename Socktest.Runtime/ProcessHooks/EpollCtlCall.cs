namespace Socktest.ProcessHooks;

/// <summary><c>epoll_ctl</c>: made as the runtime asks, and each socket's registration remembered
/// (<see cref="Readiness"/>), so that a call the switch held back can be re-signalled once it may go on.</summary>
[HookedImport("epoll_ctl")]
internal readonly unsafe struct EpollCtlCall(int epollFd, int operation, int fd, byte* epollEvent)
{
    public int Invoke() => Readiness.Control(epollFd, operation, fd, epollEvent);
}
