using System.Reflection;
using Socktest.TUnit;
using Xunit;

namespace DocRecipes.TestKit.TUnitGlue;

/// <summary>Runs the TUnit recipe's tests as TUnit would: the base class's switch made before the test (what its
/// <c>[Before(Test)]</c> hook does, reached here through the same private method the hook calls), the test, then the
/// end of the test through the same <see cref="SocketTestWatch"/> its <c>[After(Test)]</c> hook finishes: a leak would
/// fail these tests.</summary>
public class TUnitRecipeTests
{
    [Fact]
    public async Task TheSwitchPerTestRecipePassesAndLeavesNoSocket()
    {
        var test = new DialerTests();
        var watch = Start(test);

        await test.RetriesWhenRefused();

        Assert.Equal("Socket, Connect, Close, Socket, Connect, Close", string.Join(", ", watch.Trace.Entries().Select(entry => entry.Operation)));
        watch.Finish(testFailed: false, write: null);
    }

    [Fact]
    public async Task TheScopePerTestRecipePassesAndItsScopeOwnedTheTestsSockets()
    {
        var test = new WeatherTests();
        var watch = Start(test);                      // begins the scope on this flow, as the hook does on the test's

        await test.RetriesARefusal();

        var connects = watch.Trace.Entries().Where(entry => entry.Operation == FilterType.Connect).ToList();
        Assert.Equal(2, connects.Count);
        Assert.True(connects[0].Injected);
        Assert.False(connects[1].Injected);
        await watch.FinishAsync(testFailed: false, write: null);
    }

    private static SocketTestWatch Start(SocketSwitchTest test)
    {
        var start = test.GetType().GetMethod("StartWatch", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Socktest.TUnit's SocketSwitchTest has no StartWatch: update this driver to what its [Before(Test)] hook calls.");
        return (SocketTestWatch)start.Invoke(test, null)!;
    }
}
