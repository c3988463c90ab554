// The README's worked example: the interface the recipes' generated switch (SocketCallsSwitch) comes from, and the
// production code that takes it. Both are used by the recipes of every doc.
namespace DocRecipes
{
    // begin-doc: readme/socket-calls
    using Socktest;

    [SocketSyscalls]
    public partial interface ISocketCalls
    {
        int Socket(int family, int type, int protocol);
        int Connect(int fd, ReadOnlySpan<byte> address);          // native sockaddr bytes
        int Listen(int fd, int backlog);
        int Accept(int fd, Span<byte> address, out int addressLength);
        int Accept4(int fd, Span<byte> address, out int addressLength, int flags);
        int GetsockoptInt(int fd, int level, int option, out int value);
        int Close(int fd);
        int Bind(int fd, ReadOnlySpan<byte> address);
        int Send(int fd, ReadOnlySpan<byte> buffer, int flags);    // bytes sent, or -1
        int Recv(int fd, Span<byte> buffer, int flags);            // bytes received, 0 at EOF, or -1
        int Shutdown(int fd, int how);
    }
    // end-doc

    // begin-doc: readme/dialer
    public sealed class Dialer(ISocketCalls calls)
    {
        public int Dial(ReadOnlySpan<byte> address)
        {
            int fd = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
            if (fd < 0) return -1;
            if (calls.Connect(fd, address) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                calls.Close(fd);
                Marshal.SetLastPInvokeError(errno);
                return -1;
            }
            return fd;
        }
    }
    // end-doc
}
