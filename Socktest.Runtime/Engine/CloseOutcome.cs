namespace Socktest.Engine;

/// <summary>How a close of a tracked socket ended, for <see cref="SocketTable.SettleClose"/>: what Go would count.</summary>
internal enum CloseOutcome
{
    /// <summary>The kernel closed the descriptor and no filter objected: the socket leaves the table, <c>Closed</c>.</summary>
    Closed,

    /// <summary>The kernel failed the close: the socket stays, <c>CloseFailed</c>.</summary>
    Failed,

    /// <summary>The kernel was never asked (a filter cancelled the close or threw): the socket stays, nothing counted.</summary>
    Withdrawn,

    /// <summary>The kernel was asked, but the after-filter failed the call (or threw): as in Go, the socket stays in
    /// the table and nothing is counted.</summary>
    AfterFailed,
}
