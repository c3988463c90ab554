using TUnit.Assertions.Extensions;
using Xunit;

namespace DocRecipes.Readme;

public class AotRecipeTests
{
    [Fact]
    public async Task TheTUnitTestOfTheNativeAotStepsPasses()
    {
        using var listener = new LoopbackListener();

        await new AotRecipe { address = listener.Address }.RefusedConnect();
    }

    [Fact]
    public async Task TUnitsAssertionsThrowOutsideItsEngine()
    {
        // The recipe's assertions are TUnit's, run outside TUnit's engine: they must still throw when they fail.
        await Assert.ThrowsAnyAsync<Exception>(async () => await TUnit.Assertions.Assert.That(Errno.Last()).IsEqualTo(new Errno(12345)));
    }
}
