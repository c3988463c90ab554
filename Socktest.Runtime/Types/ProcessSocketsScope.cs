using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Socktest;

/// <summary>
/// An installed process-wide switch (see <see cref="ProcessSockets.Install"/>): every socket call that .NET's own
/// <c>Socket</c>, <c>TcpClient</c>, <c>TcpListener</c> and <c>HttpClient</c> make goes through it. Dispose it to
/// restore the original calls.
/// </summary>
public sealed class ProcessSocketsScope : ISocketSwitch, IDisposable
{
    private readonly ConcurrentQueue<Exception> _faults = new();
    private readonly Action<ProcessSocketsScope> _uninstall;
    private int _disposed;

    internal ProcessSocketsScope(ProcessHooks.OriginalSocketCalls originals, Action<ProcessSocketsScope> uninstall)
    {
        Originals = originals;
        Switch = new ProcessHooks.ProcessSocketSwitch(originals);
        _uninstall = uninstall;
    }

    internal ProcessHooks.OriginalSocketCalls Originals { get; }

    internal ProcessHooks.ProcessSocketSwitch Switch { get; }

    /// <summary>Exceptions thrown by filters during intercepted calls. They cannot propagate through the runtime's
    /// native code, so the call failed with EIO and the exception is kept here for the test to inspect.</summary>
    public IReadOnlyCollection<Exception> FilterExceptions => _faults.ToArray();

    /// <inheritdoc/>
    public void Set(FilterType type, Filter? filter) => Switch.Set(type, filter);

    /// <inheritdoc/>
    public IReadOnlyList<Stat> Stats() => Switch.Stats();

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, Status> Sockets() => Switch.Sockets();

    /// <summary>Restores the original socket calls. Calls already inside the switch finish on it.</summary>
    public void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _uninstall(this);
        }
    }

    internal void RecordFault(Exception exception) => _faults.Enqueue(exception);
}
