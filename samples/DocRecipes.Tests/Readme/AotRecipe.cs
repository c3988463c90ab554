using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;

namespace DocRecipes.Readme;

/// <summary>The README's NativeAOT recipe: a TUnit test, compiled here against TUnit's attributes and assertions and
/// run by <see cref="AotRecipeTests"/> (this project runs under VSTest, where TUnit's engine cannot).</summary>
public class AotRecipe
{
    /// <summary>Where the recipe dials: a listener's native sockaddr.</summary>
    public required byte[] address { get; init; }

    // begin-doc: readme/aot-tunit-test
    [Test]
    public async Task RefusedConnect()
    {
        var calls = new SocketCallsSwitch();
        calls.Set(FilterType.Connect, status => Errno.ECONNREFUSED);
        int fd = new Dialer(calls).Dial(address);
        await Assert.That(fd).IsEqualTo(-1);
        await Assert.That(Errno.Last()).IsEqualTo(Errno.ECONNREFUSED);
        await Assert.That(calls.Sockets().Count).IsEqualTo(0);   // nothing leaked
    }
    // end-doc
}
