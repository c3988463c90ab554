using System;
using System.Linq;
using Xunit;

namespace Socktest.Samples.Echo.Tests;

public sealed class AcceptBackoffTests
{
    [Fact]
    public void DoublesFromTheMinimumUpToTheMaximumAndResets()
    {
        var backoff = new AcceptBackoff(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1));

        int[] delays = Enumerable.Range(0, 10).Select(_ => (int)backoff.Next().TotalMilliseconds).ToArray();
        backoff.Reset();

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.Next());
    }

    [Fact]
    public void SortsAcceptErrorsLikeGo()
    {
        Assert.Equal(AcceptAction.RetryNow, AcceptErrors.Classify(Socktest.Errno.ECONNABORTED));
        Assert.Equal(AcceptAction.BackOff, AcceptErrors.Classify(Socktest.Errno.EMFILE));
        Assert.Equal(AcceptAction.BackOff, AcceptErrors.Classify(Socktest.Errno.ENFILE));
        Assert.Equal(AcceptAction.Wait, AcceptErrors.Classify(Socktest.Errno.EAGAIN));
        Assert.Equal(AcceptAction.Stop, AcceptErrors.Classify(Socktest.Errno.EBADF));
    }
}
