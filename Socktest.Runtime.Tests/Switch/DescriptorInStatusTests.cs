using System.Collections.Generic;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary><see cref="Status.Descriptor"/>: which socket a filter sees, so filters can tell sockets apart. Beyond Go;
/// it never changes Go's text.</summary>
public class DescriptorInStatusTests
{
    [Fact]
    public void FiltersSeeTheDescriptorTheCallIsOnAndTheTableKeysAgree()
    {
        var sw = new SocketCallsSwitch(new FakeKernel());
        var seen = new List<(string Call, int Descriptor)>();
        sw.Set(FilterType.Socket, st =>
        {
            seen.Add(("socket", st.Descriptor));
            return FilterResult.After(after =>
            {
                seen.Add(("socket after", after.Descriptor));
                return Errno.None;
            });
        });
        sw.Set(FilterType.Listen, st =>
        {
            seen.Add(("listen", st.Descriptor));
            return Errno.None;
        });
        sw.Set(FilterType.Accept, st =>
        {
            seen.Add(("accept", st.Descriptor));
            return Errno.None;
        });
        sw.Set(FilterType.Close, st =>
        {
            seen.Add(("close", st.Descriptor));
            return Errno.None;
        });

        int listener = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        sw.Listen(listener, 1);
        int accepted = sw.Accept(listener, new byte[16], out _);

        Assert.Equal(accepted, sw.Sockets()[accepted].Descriptor);
        Assert.Equal("(inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>", sw.Sockets()[accepted].ToString());
        sw.Close(accepted);
        Assert.Equal(
            [("socket", -1), ("socket after", listener), ("listen", listener), ("accept", listener), ("close", accepted)],
            seen);
    }

    [Fact]
    public void TheGenerationTellsASocketFromTheOneThatHadItsNumberBefore()
    {
        var sw = new SocketCallsSwitch(new ReusingKernel());
        var seen = new List<(int Descriptor, long Generation)>();
        sw.Set(FilterType.Close, st =>
        {
            seen.Add((st.Descriptor, st.Generation));
            return Errno.None;
        });

        int first = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(1, sw.Sockets()[first].Generation);
        sw.Close(first);
        int second = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(2, sw.Sockets()[second].Generation);
        sw.Close(second);

        Assert.Equal([(first, 1L), (first, 2L)], seen);
        Assert.Empty(sw.Sockets());
    }
}
