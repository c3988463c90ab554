using System;
using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.Readme;

/// <summary>The README's worked example, verbatim in substance, so the documentation cannot drift from the product.</summary>
[Collection(QuietDescriptorTable.Name)]
public class ReadmeExampleTests
{
    /// <summary>The README's production code: it takes an <see cref="ISocketCalls"/> and is handed the real thing.</summary>
    private sealed class Dialer(ISocketCalls calls)
    {
        public int Dial(ReadOnlySpan<byte> address)
        {
            int fd = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
            if (fd < 0)
            {
                return -1;
            }

            if (calls.Connect(fd, address) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                calls.Close(fd);
                Marshal.SetLastPInvokeError(errno);
                return -1;
            }

            return fd;
        }
    }

    [Fact]
    public void InjectedConnectionRefusedIsReportedAndNothingLeaks()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        try
        {
            var calls = new SocketCallsSwitch();
            calls.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

            Assert.Equal(-1, new Dialer(calls).Dial(Loopback.Address(Net.V4, port)));
            Assert.Equal(Errno.ECONNREFUSED, Errno.Last());

            var stat = Assert.Single(calls.Stats());
            Assert.Equal(
                "(inet4, stream, default): opened=1 connected=0 listened=0 accepted=0 closed=1 "
                + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
                stat.ToString());
            Assert.Empty(calls.Sockets());
        }
        finally
        {
            Libc.Close(listener);
        }
    }

    [Fact]
    public void WithTheKitOnlyTheFirstConnectIsRefusedAndNothingLeaks()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        try
        {
            var address = Loopback.Address(Net.V4, port);
            var calls = new SocketCallsSwitch();
            using (calls.Use(FilterType.Connect, Faults.Nth(1, Errno.ECONNREFUSED)))
            {
                Assert.Equal(-1, new Dialer(calls).Dial(address));
                Assert.Equal(Errno.ECONNREFUSED, Errno.Last());

                int fd = new Dialer(calls).Dial(address);
                Assert.True(fd >= 0);
                calls.Close(fd);
            }

            calls.AssertNoLeaks();
            int leaked = new Dialer(calls).Dial(address);
            var leak = Assert.Throws<SocketLeakException>(() => calls.AssertNoLeaks());
            Assert.StartsWith($"Inflight sockets:\n{leaked}: (inet4, stream, default): ", leak.Message);
            calls.Close(leaked);
        }
        finally
        {
            Libc.Close(listener);
        }
    }

    [Fact]
    public void NativeDialsForReal()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        try
        {
            int fd = new Dialer(ISocketCalls.Native).Dial(Loopback.Address(Net.V4, port));
            Assert.True(fd >= 0, $"dial failed: {Errno.Last()}");
            Assert.Equal(0, Libc.Close(fd));
        }
        finally
        {
            Libc.Close(listener);
        }
    }

    [Fact]
    public void AcceptAfterFilterAbortsAndTheSwitchClosesTheAcceptedDescriptor()
    {
        var calls = new SocketCallsSwitch();
        int listener = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        int port = Loopback.BindEphemeral(listener, Net.V4);
        Assert.Equal(0, calls.Listen(listener, 4));
        int client = Loopback.Client(Net.V4, port);
        var before = Descriptors.OpenSockets();

        calls.Set(FilterType.Accept, status => FilterResult.After(after =>
            after.Err == Errno.None ? Errno.ECONNABORTED : Errno.None));

        Assert.Equal(-1, calls.Accept(listener, Span<byte>.Empty, out _));
        Assert.Equal(Errno.ECONNABORTED, Errno.Last());
        Assert.Empty(Descriptors.OpenedSince(before));

        Libc.Close(client);
        Assert.Equal(0, calls.Close(listener));
        Assert.Empty(calls.Sockets());
    }
}
