using Xunit;

namespace DocRecipes.Readme;

/// <summary>The README's recipes on a generated switch, each against a real 127.0.0.1 listener.</summary>
public class ReadmeRecipes
{
    [Fact]
    public void ProductionCodeIsHandedTheRealCalls()
    {
        using var listener = new LoopbackListener();

        // begin-doc: readme/native-dialer
        var dialer = new Dialer(ISocketCalls.Native);
        // end-doc

        int fd = dialer.Dial(listener.Address);
        Assert.True(fd >= 0, $"the dial failed: {Errno.Last()}");
        using var accepted = listener.Accept();
        Assert.Equal(0, ISocketCalls.Native.Close(fd));
    }

    [Fact]
    public void ATestInjectsARefusalAndChecksWhatHappened()
    {
        using var listener = new LoopbackListener();
        byte[] address = listener.Address;

        // begin-doc: readme/switch-test
        var calls = new SocketCallsSwitch();                       // wraps the real libc calls
        calls.Set(FilterType.Connect, status => Errno.ECONNREFUSED); // fail every connect, before the kernel sees it

        Assert.Equal(-1, new Dialer(calls).Dial(address));
        Assert.Equal(Errno.ECONNREFUSED, Errno.Last());

        var stat = Assert.Single(calls.Stats());
        Assert.Equal("(inet4, stream, default): opened=1 connected=0 listened=0 accepted=0 closed=1 "
                   + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0", stat.ToString());
        Assert.Empty(calls.Sockets());                            // nothing leaked
        // end-doc
    }

    [Fact]
    public void TheSameTestWithTheKit()
    {
        using var listener = new LoopbackListener();
        byte[] address = listener.Address;

        // begin-doc: readme/kit-test
        var calls = new SocketCallsSwitch();
        using (calls.Use(FilterType.Connect, Faults.Nth(1, Errno.ECONNREFUSED))) // only the first connect is refused
        {
            Assert.Equal(-1, new Dialer(calls).Dial(address));
            Assert.Equal(Errno.ECONNREFUSED, Errno.Last());

            int fd = new Dialer(calls).Dial(address);                            // the second one connects
            Assert.True(fd >= 0);
            calls.Close(fd);
        }                                                                        // the filter from before is back (none here)

        calls.AssertNoLeaks();             // else SocketLeakException: "Inflight sockets:\n7: (inet4, stream, default): ..."
        // end-doc

        Assert.Equal(
            "(inet4, stream, default): opened=2 connected=1 listened=0 accepted=0 closed=2 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
            Assert.Single(calls.Stats()).ToString());

        // What the comment says the check throws, on a socket left open.
        int leaked = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        var leak = Assert.Throws<SocketLeakException>(() => calls.AssertNoLeaks());
        Assert.StartsWith($"Inflight sockets:\n{leaked}: (inet4, stream, default): ", leak.Message);
        calls.Close(leaked);
    }

    [Fact]
    public void AnAfterFilterFailsAnAcceptThatSucceededAndTheSwitchClosesTheAcceptedSocket()
    {
        var calls = new SocketCallsSwitch();
        int listener = SwitchSockets.Listen(calls, out byte[] address);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, SwitchSockets.Port(address));

        // begin-doc: readme/after-filter
        calls.Set(FilterType.Accept, status => FilterResult.After(after =>
            after.Err == Errno.None ? Errno.ECONNABORTED : Errno.None)); // the switch closes the accepted fd for you
        // end-doc

        Assert.Equal(-1, calls.Accept(listener, Span<byte>.Empty, out _));
        Assert.Equal(Errno.ECONNABORTED, Errno.Last());
        Assert.Equal([listener], calls.Sockets().Keys);             // the accepted socket is gone from the table...
        client.ReceiveTimeout = 30_000;
        Assert.Equal(0, client.Receive(new byte[1]));               // ...and closed: the client reads the end of the stream
        Assert.Equal(0, calls.Close(listener));
    }

    [Fact]
    public void AFilterCutsEveryReadToOneByte()
    {
        var calls = new SocketCallsSwitch();
        var (client, server) = SwitchSockets.ConnectedPair(calls);
        Assert.Equal(5, calls.Send(server, "hello"u8, 0));

        // begin-doc: readme/limit-recv
        calls.Set(FilterType.Recv, status => FilterResult.Limit(1));   // every read returns at most one byte
        // end-doc

        var buffer = new byte[5];
        var read = new List<int>();
        for (int total = 0; total < 5; total += read[^1])
        {
            read.Add(calls.Recv(client, buffer.AsSpan(total), 0));
        }

        Assert.Equal([1, 1, 1, 1, 1], read);
        Assert.Equal("hello"u8.ToArray(), buffer);
        var stat = Assert.Single(calls.Stats());
        Assert.Equal((5UL, 5UL), (stat.BytesSent, stat.BytesReceived));
        calls.Close(client);
        calls.Close(server);
        calls.AssertNoLeaks();
    }
}
