namespace Socktest.Benchmarks;

/// <summary>A kernel that does nothing: <c>Socket</c> hands out incrementing descriptor numbers (wrapping after
/// 1024, as a busy process would reuse them), every other call succeeds. Measures the switch's own cost.</summary>
internal sealed class NoOpCalls : IBenchCalls, IOwnCostCalls
{
    private int _next;

    /// <inheritdoc/>
    public int Socket(int family, int type, int protocol) => 3 + (_next++ & 1023);

    /// <inheritdoc/>
    public int Listen(int fd, int backlog) => 0;

    /// <inheritdoc/>
    public int GetsockoptInt(int fd, int level, int option, out int value)
    {
        value = 1;
        return 0;
    }

    /// <inheritdoc/>
    public int Close(int fd) => 0;
}
