using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Socktest.Tests.Support;

/// <summary>Runs work on dedicated threads that start together, and rethrows what any of them threw.</summary>
internal static class Workers
{
    public static T[] Run<T>(int count, Func<int, T> work)
    {
        var results = new T[count];
        var errors = new ConcurrentQueue<Exception>();
        using var start = new Barrier(count);
        var threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    results[index] = work(index);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            })
            { IsBackground = true, Name = $"worker {index}" };
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return errors.IsEmpty ? results : throw new AggregateException(errors);
    }
}
