namespace Socktest;

/// <summary>The status of a socket as the switch sees it, and as filters receive it.</summary>
/// <param name="Cookie">The socket's (family, type, protocol).</param>
/// <param name="Err">The errno of the socket call (set for after-filters), or <see cref="Errno.None"/>.</param>
/// <param name="SocketErr">The errno read by <c>GetsockoptInt</c> (SO_ERROR), or <see cref="Errno.None"/>.</param>
public readonly record struct Status(Cookie Cookie, Errno Err, Errno SocketErr)
{
    /// <summary>Go's text, byte for byte (<c>"(%s, %s, %s): syscallerr=%v socketerr=%v"</c>), each errno as Go prints
    /// a <c>syscall.Errno</c> on Linux and no error as <c>&lt;nil&gt;</c>:
    /// <c>(inet4, stream, tcp): syscallerr=&lt;nil&gt; socketerr=connection refused</c>.</summary>
    /// <returns>The status as text.</returns>
    public override string ToString()
        => $"{Cookie}: syscallerr={Describe(Err)} socketerr={Describe(SocketErr)}";

    private static string Describe(Errno errno) => errno.Value == 0 ? "<nil>" : errno.Message;
}
