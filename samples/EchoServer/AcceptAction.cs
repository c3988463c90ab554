using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>What the accept loop does after a failed accept.</summary>
internal enum AcceptAction
{
    /// <summary>Nothing was ready after all (EAGAIN, EINTR): go back to waiting.</summary>
    Wait,

    /// <summary>A queued connection went away before it was accepted (ECONNABORTED): accept again at once.</summary>
    RetryNow,

    /// <summary>Out of descriptors (EMFILE, ENFILE), or out of buffers (ENOBUFS, ENOMEM): wait, then retry, backing off.</summary>
    BackOff,

    /// <summary>Anything else: the listener is unusable, so the loop stops.</summary>
    Stop,
}

/// <summary>Sorts accept errors the way Go does: its poller retries ECONNABORTED, its HTTP server backs off on temporary errors.</summary>
internal static class AcceptErrors
{
    public static AcceptAction Classify(Errno error)
    {
        if (error == Errno.EAGAIN || error == Errno.EINTR)
        {
            return AcceptAction.Wait;
        }

        if (error == Errno.ECONNABORTED)
        {
            return AcceptAction.RetryNow;
        }

        if (error == Errno.EMFILE || error == Errno.ENFILE || error == Errno.ENOBUFS || error == Errno.ENOMEM)
        {
            return AcceptAction.BackOff;
        }

        return AcceptAction.Stop;
    }
}
