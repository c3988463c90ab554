namespace Socktest.Engine;

/// <summary>The index of each counter inside one stripe of <see cref="StatCounters"/>.</summary>
internal static class CounterKind
{
    internal const int Opened = 0;
    internal const int Connected = 1;
    internal const int Listened = 2;
    internal const int Accepted = 3;
    internal const int Closed = 4;
    internal const int OpenFailed = 5;
    internal const int ConnectFailed = 6;
    internal const int ListenFailed = 7;
    internal const int AcceptFailed = 8;
    internal const int CloseFailed = 9;
    internal const int Bound = 10;
    internal const int BindFailed = 11;
    internal const int BytesSent = 12;
    internal const int BytesReceived = 13;
    internal const int SendFailed = 14;
    internal const int RecvFailed = 15;
    internal const int Adopted = 16;

    /// <summary>How many counters there are (at most the stride of a stripe in <see cref="StatCounters"/>).</summary>
    internal const int Count = 17;
}
