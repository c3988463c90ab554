using System.Net;
using Socktest;

namespace Socktest.Samples.Dialing;

/// <summary>The outcome of dialing one address, or one family's list of addresses in turn.</summary>
/// <param name="Fd">The connected descriptor, or -1.</param>
/// <param name="Error">Why it failed; <see cref="Errno.None"/> on success.</param>
/// <param name="EndPoint">The address that connected, or <see langword="null"/>.</param>
internal readonly record struct Attempt(int Fd, Errno Error, IPEndPoint? EndPoint)
{
    public bool Succeeded => Fd >= 0;

    public static Attempt Connected(int fd, IPEndPoint endPoint) => new(fd, Errno.None, endPoint);

    public static Attempt Failed(Errno error) => new(-1, error, null);
}
