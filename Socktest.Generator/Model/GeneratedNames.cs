namespace Socktest.Generator.Model;

/// <summary>Names the generator emits itself, which the parser must keep the user's declarations away from.</summary>
internal static class GeneratedNames
{
    /// <summary>The static property added to the interface: the calls straight onto libc.</summary>
    public const string NativeProperty = "Native";

    /// <summary>The class nested in the switch that implements <see cref="NativeProperty"/>.</summary>
    public const string NativeCallsClass = "NativeCalls";
}
