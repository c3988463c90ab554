using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Socktest;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.Echo;

/// <summary>
/// An echo server on raw socket calls. Its accept loop keeps going through transient errors the way Go's does:
/// ECONNABORTED (a queued connection reset before it was accepted) is retried at once; EMFILE and ENFILE (out of
/// descriptors) are retried after a delay that doubles from <see cref="EchoServerOptions.MinBackoff"/> up to
/// <see cref="EchoServerOptions.MaxBackoff"/>; any other error stops the loop. Each connection is served on its own
/// thread. <see cref="Stop"/> closes every connection and the listener.
/// </summary>
public sealed class EchoServer : IDisposable
{
    private readonly ISocketCalls _calls;
    private readonly EchoServerOptions _options;
    private readonly int _listener;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _gate = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _abortedAccepts;
    private int _backoffs;
    private long _backoffTicks;
    private Errno _stopError;
    private bool _stopped;

    private EchoServer(ISocketCalls calls, EchoServerOptions options, int listener, IPEndPoint localEndPoint)
    {
        _calls = calls;
        _options = options;
        _listener = listener;
        LocalEndPoint = localEndPoint;
        _acceptLoop = Task.Factory.StartNew(AcceptLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Listens on <paramref name="endPoint"/> and starts accepting.</summary>
    /// <param name="calls">The socket calls: <c>ISocketCalls.Native</c>, or a switch in tests.</param>
    /// <param name="endPoint">Where to listen; port 0 picks a free one (see <see cref="LocalEndPoint"/>).</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="SocketCallException">The listener could not be set up.</exception>
    public static EchoServer Start(ISocketCalls calls, IPEndPoint endPoint, EchoServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(endPoint);
        options ??= new EchoServerOptions();
        int listener = Listener.Open(calls, endPoint, options.Backlog, out IPEndPoint bound);
        return new EchoServer(calls, options, listener, bound);
    }

    /// <summary>The address the server listens on.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>How many accepts failed with ECONNABORTED and were retried at once.</summary>
    public int AbortedAccepts => Volatile.Read(ref _abortedAccepts);

    /// <summary>How many times the loop backed off after EMFILE or ENFILE.</summary>
    public int Backoffs => Volatile.Read(ref _backoffs);

    /// <summary>The time spent backing off, in all.</summary>
    public TimeSpan TotalBackoff => TimeSpan.FromTicks(Interlocked.Read(ref _backoffTicks));

    /// <summary>Completes when the accept loop has stopped, after <see cref="Stop"/> or an error it does not retry.</summary>
    public Task AcceptLoopCompletion => _acceptLoop;

    /// <summary>The error that stopped the accept loop, or <see cref="Errno.None"/>.</summary>
    public Errno StopError
    {
        get
        {
            lock (_gate)
            {
                return _stopError;
            }
        }
    }

    /// <summary>Stops accepting, waits for the accept loop and every connection to finish, and closes the listener.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        _shutdown.Cancel();
        _acceptLoop.Wait();
        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        Task.WaitAll(connections);
        _calls.Close(_listener);
        _shutdown.Dispose();
    }

    /// <summary>Same as <see cref="Stop"/>.</summary>
    public void Dispose() => Stop();

    private void AcceptLoop()
    {
        var backoff = new AcceptBackoff(_options.MinBackoff, _options.MaxBackoff);
        CancellationToken shutdown = _shutdown.Token;
        while (!shutdown.IsCancellationRequested)
        {
            Errno waited = FdIo.WaitReadable(_listener, _options.PollInterval, out bool ready);
            if (waited != Errno.None)
            {
                StopWith(waited);
                return;
            }

            if (!ready)
            {
                continue;
            }

            int fd = SOCK_CLOEXEC != 0
                ? _calls.Accept4(_listener, Span<byte>.Empty, out _, SOCK_CLOEXEC)
                : _calls.Accept(_listener, Span<byte>.Empty, out _);
            if (fd >= 0)
            {
                backoff.Reset();
                Interlocked.Increment(ref _accepted);
                StartConnection(fd);
                continue;
            }

            Errno error = Errno.Last();
            switch (AcceptErrors.Classify(error))
            {
                case AcceptAction.Wait:
                    continue;
                case AcceptAction.RetryNow:
                    Interlocked.Increment(ref _abortedAccepts);
                    continue;
                case AcceptAction.BackOff:
                    TimeSpan delay = backoff.Next();
                    Interlocked.Increment(ref _backoffs);
                    Interlocked.Add(ref _backoffTicks, delay.Ticks);
                    shutdown.WaitHandle.WaitOne(delay);
                    continue;
                default:
                    StopWith(error);
                    return;
            }
        }
    }

    private void StartConnection(int fd)
    {
        CancellationToken shutdown = _shutdown.Token;
        Task connection = Task.Factory.StartNew(
            () => EchoConnection.Serve(_calls, fd, _options.PollInterval, shutdown),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        lock (_gate)
        {
            _connections.RemoveAll(task => task.IsCompleted);
            _connections.Add(connection);
        }
    }

    private void StopWith(Errno error)
    {
        lock (_gate)
        {
            _stopError = error;
        }
    }
}
