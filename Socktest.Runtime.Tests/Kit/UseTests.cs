using System;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary><see cref="SocketSwitchExtensions.Use"/>: a filter for a scope, the previous one back afterwards, on real
/// sockets. Each filter fails the socket call with its own errno, so the errno says which one is in place.</summary>
public class UseTests
{
    private static readonly Filter Outer = Faults.Fail(Errno.EMFILE);
    private static readonly Filter Inner = Faults.Fail(Errno.ENFILE);
    private static readonly Filter Third = Faults.Fail(Errno.EACCES);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFilterSetDirectlyBeforeTheScopeComesBack(bool throughAHandWrittenSwitchThatForwards)
    {
        var sw = new SocketCallsSwitch();
        ISocketSwitch scoped = throughAHandWrittenSwitchThatForwards ? new HandWrittenSwitch(target: sw) : sw;
        sw.Set(FilterType.Socket, Outer);

        using (scoped.Use(FilterType.Socket, Inner))
        {
            Assert.Equal(Errno.ENFILE, KitCalls.Socket(sw));
        }

        Assert.Equal(Errno.EMFILE, KitCalls.Socket(sw));
    }

    [Fact]
    public void NestedScopesUnwindInOrderToNoFilter()
    {
        var sw = new SocketCallsSwitch();

        using (sw.Use(FilterType.Socket, Outer))
        {
            using (sw.Use(FilterType.Socket, Inner))
            {
                Assert.Equal(Errno.ENFILE, KitCalls.Socket(sw));
            }

            Assert.Equal(Errno.EMFILE, KitCalls.Socket(sw));
        }

        Assert.Equal(Errno.None, KitCalls.Socket(sw));
    }

    [Fact]
    public void ScopesDisposedOutOfOrderKeepTheNewestLiveFilterAndEndWithTheFirstOnesPredecessor()
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, Third);
        var outer = sw.Use(FilterType.Socket, Outer);
        var inner = sw.Use(FilterType.Socket, Inner);

        outer.Dispose();
        Assert.Equal(Errno.ENFILE, KitCalls.Socket(sw));
        inner.Dispose();
        Assert.Equal(Errno.EACCES, KitCalls.Socket(sw));
    }

    [Fact]
    public void ASecondDisposeDoesNothing()
    {
        var sw = new SocketCallsSwitch();
        var first = sw.Use(FilterType.Socket, Outer);
        first.Dispose();

        using (sw.Use(FilterType.Socket, Inner))
        {
            first.Dispose();
            Assert.Equal(Errno.ENFILE, KitCalls.Socket(sw));
        }

        Assert.Equal(Errno.None, KitCalls.Socket(sw));
    }

    [Fact]
    public void AFilterSetDirectlyInsideTheScopeIsReplacedWhenItEnds()
    {
        var sw = new SocketCallsSwitch();

        using (sw.Use(FilterType.Socket, Outer))
        {
            sw.Set(FilterType.Socket, Inner);
            Assert.Equal(Errno.ENFILE, KitCalls.Socket(sw));
        }

        Assert.Equal(Errno.None, KitCalls.Socket(sw));
    }

    [Fact]
    public void EachFilterTypeHasItsOwnScopes()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        var sw = new SocketCallsSwitch();
        var connect = sw.Use(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
        var socket = sw.Use(FilterType.Socket, Outer);

        connect.Dispose();
        Assert.Equal(Errno.EMFILE, KitCalls.Socket(sw));
        socket.Dispose();
        Assert.Equal(Errno.None, KitCalls.Connect(sw, Net.V4, port));
        Loopback.CloseAll(listener);
    }

    [Fact]
    public void AScopeOnAnOuterSwitchLeavesTheInnerSwitchsFilterAlone()
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        inner.Set(FilterType.Socket, Inner);

        using (outer.Use(FilterType.Socket, Outer))
        {
            Assert.Equal(Errno.EMFILE, KitCalls.Socket(outer));
        }

        Assert.Equal(Errno.ENFILE, KitCalls.Socket(outer));
    }

    [Fact]
    public void AHandWrittenSwitchGetsBackWhatAnEnclosingScopeDeployedOrNone()
    {
        var sw = new HandWrittenSwitch();
        sw.Set(FilterType.Connect, Third);

        using (sw.Use(FilterType.Connect, Outer))
        {
            using (sw.Use(FilterType.Connect, Inner))
            {
                Assert.Same(Inner, sw.Current);
            }

            Assert.Same(Outer, sw.Current);
        }

        Assert.Null(sw.Current);
    }

    [Fact]
    public void BadArgumentsAreRejectedAndChangeNothing()
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, Outer);

        KitCalls.Rejects<ArgumentNullException>("sw", () => SocketSwitchExtensions.Use(null!, FilterType.Socket, Inner));
        KitCalls.Rejects<ArgumentNullException>("filter", () => sw.Use(FilterType.Socket, null!));
        KitCalls.Rejects<ArgumentOutOfRangeException>("type", () => sw.Use((FilterType)Enum.GetValues<FilterType>().Length, Inner));

        Assert.Equal(Errno.EMFILE, KitCalls.Socket(sw));
    }
}
