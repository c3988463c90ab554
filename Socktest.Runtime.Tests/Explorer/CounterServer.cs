using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Tests.Explorer;

/// <summary>A loopback server of counters for the explorer's corpus: for each connection it reads one request line, <c>INCR counter</c> or
/// <c>INCR counter key</c>, adds 1 to the counter (once per key: a request whose key it has seen answers what the first
/// one got and adds nothing), answers with one frame in a single send (a 4-byte big-endian length, then the counter's
/// new value in decimal), and waits for the client to close. An increment is not idempotent: sent twice without a key,
/// it is applied twice, and <see cref="AppliedAsync"/> says so.</summary>
internal sealed class CounterServer : LoopbackServer
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _answeredByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _reading = new();


    /// <summary>How many increments of <paramref name="counter"/> the server applied, once every connection it has
    /// accepted so far has read its request (and applied it) or given up. A client's retry is accepted after its first
    /// attempt (a listener hands out connections in the order they were made), so once the client has the retry's
    /// answer, the first attempt's request is counted here whenever the server read it: a request the client sent
    /// before its connection was reset is still read (Linux keeps the bytes queued before a reset readable), but maybe
    /// only after the retry's answer.</summary>
    public async Task<long> AppliedAsync(string counter)
    {
        await Task.WhenAll(_reading.Keys.ToArray());
        return _applied.TryGetValue(counter, out long applied) ? applied : 0;
    }

    protected override void Accepted(Socket connection)
    {
        // Registered before the next accept, so that AppliedAsync, called once a later connection was answered, waits
        // for this one's request too.
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading.TryAdd(read.Task, 0);
        _ = Task.Run(() => ServeAsync(connection, read));
    }

    private async Task ServeAsync(Socket connection, TaskCompletionSource read)
    {
        using (connection)
        {
            try
            {
                long value;
                try
                {
                    // Bounded, so that AppliedAsync never waits on a client that connected and sent nothing.
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
                    limit.CancelAfter(TimeSpan.FromSeconds(10));
                    string? request = await ReadLineAsync(connection, limit.Token);
                    if (request is null)
                    {
                        return;
                    }

                    value = Apply(request);
                }
                finally
                {
                    read.TrySetResult();
                    _reading.TryRemove(read.Task, out _);
                }

                byte[] body = Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
                var frame = new byte[4 + body.Length];
                BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
                body.CopyTo(frame, 4);
                await connection.SendAsync(frame, Stopping);
                var rest = new byte[64];
                while (await connection.ReceiveAsync(rest, Stopping) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client reset or left: that connection is over (what it asked for may have been applied).
            }
        }
    }

    /// <summary>The request line, or <see langword="null"/> when the stream ended before its end.</summary>
    private static async Task<string?> ReadLineAsync(Socket connection, CancellationToken cancel)
    {
        var buffer = new byte[128];
        int received = 0;
        int end;
        while ((end = Array.IndexOf(buffer, (byte)'\n', 0, received)) < 0)
        {
            if (received == buffer.Length)
            {
                return null;
            }

            int n = await connection.ReceiveAsync(buffer.AsMemory(received), cancel);
            if (n == 0)
            {
                return null;
            }

            received += n;
        }

        return Encoding.ASCII.GetString(buffer, 0, end);
    }

    /// <summary>Applies <c>INCR counter [key]</c>; the counter's value to answer.</summary>
    private long Apply(string request)
    {
        string[] words = request.Split(' ');
        if (words.Length is < 2 or > 3 || words[0] != "INCR")
        {
            throw new InvalidOperationException($"Not a request: '{request}'.");
        }

        lock (_gate)
        {
            if (words.Length == 3 && _answeredByKey.TryGetValue(words[2], out long answered))
            {
                return answered;
            }

            long value = _applied.AddOrUpdate(words[1], 1, (_, count) => count + 1);
            if (words.Length == 3)
            {
                _answeredByKey[words[2]] = value;
            }

            return value;
        }
    }
}
