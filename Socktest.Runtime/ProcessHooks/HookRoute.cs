using System;

namespace Socktest.ProcessHooks;

/// <summary>Where one intercepted call goes: the installed switch, or the original libc functions when none is.</summary>
/// <param name="scope">The installation the call read once on entry, or <see langword="null"/>.</param>
internal readonly struct HookRoute(InstalledSwitch? scope)
{
    /// <summary>The installation, or <see langword="null"/> when the hook was removed before the call arrived.</summary>
    public InstalledSwitch? Scope => scope;

    /// <summary>The switch, or the originals when no switch is installed.</summary>
    public IProcessSocketCalls Calls => scope is null ? Originals : scope.Switch;

    /// <summary>The original libc functions, for calls the switch must not see.</summary>
    public OriginalSocketCalls Originals
        => scope?.Originals ?? HookEntryPoints.LastOriginals ?? throw new InvalidOperationException("A Socktest hook ran before any installation.");
}
