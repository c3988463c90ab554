using System;

namespace Socktest.Interop;

/// <summary>Which operating system's numbers apply.</summary>
internal static class Platform
{
    /// <summary><see langword="true"/> on macOS (and other Apple platforms, whose BSD numbers match).</summary>
    internal static readonly bool IsApple = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst();

    /// <summary>Returns the running OS's value: <paramref name="macOS"/> on Apple platforms, else <paramref name="linux"/>.</summary>
    internal static int Pick(int linux, int macOS) => IsApple ? macOS : linux;
}
