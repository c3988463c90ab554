using System;
using System.Linq;
using Socktest.ProcessHooks;
using Xunit;

namespace Socktest.Tests.Runaway;

/// <summary>The ring behind <c>HostLookups()</c>, <c>FilterExceptions()</c> and <c>UnhonouredFaults()</c>: the most
/// recent 1,024 in order, an exact total, and a heap that stays flat over a million records.</summary>
public class RecentRecordsTests
{
    [Fact]
    public void KeepsTheMostRecentInOrderAndCountsAll()
    {
        var records = new RecentRecords<int>();
        Assert.Empty(records.ToArray());
        for (int i = 0; i < 3000; i++)
        {
            records.Add(i);
        }

        Assert.Equal(3000L, records.Total);
        Assert.Equal(Enumerable.Range(3000 - RecentRecords<int>.Capacity, RecentRecords<int>.Capacity), records.ToArray());
    }

    /// <summary>The ring grows as records come (4, 8, … up to the capacity): every count around a growth or the wrap
    /// keeps every record, or the most recent ones, in order.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2049)]
    public void KeepsTheMostRecentInOrderWhileItGrows(int count)
    {
        var records = new RecentRecords<int>();
        for (int i = 0; i < count; i++)
        {
            records.Add(i);
        }

        int kept = Math.Min(count, RecentRecords<int>.Capacity);
        Assert.Equal((long)count, records.Total);
        Assert.Equal(Enumerable.Range(count - kept, kept), records.ToArray());
    }

    [Fact]
    public void AMillionRecordsLeaveTheHeapFlat()
    {
        var records = new RecentRecords<Exception>();
        for (int i = 0; i < 2048; i++)
        {
            records.Add(new InvalidOperationException("record " + i));
        }

        long before = Heap();
        for (int i = 2048; i < 1_000_000; i++)
        {
            records.Add(new InvalidOperationException("record " + i));
        }

        long growth = Heap() - before;
        Assert.Equal(1_000_000L, records.Total);
        Assert.Equal("record 999999", records.ToArray()[^1].Message);
        Assert.True(growth < 256 * 1024, $"the heap grew {growth} bytes over a million records");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
