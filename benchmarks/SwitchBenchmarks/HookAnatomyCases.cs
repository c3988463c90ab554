using System;
using System.Runtime.InteropServices;
using Socktest.ProcessHooks;

namespace Socktest.Benchmarks;

/// <summary>
/// What each layer of the process-wide hook costs on a real syscall: <c>close(-1)</c> (the kernel answers EBADF, and
/// no descriptor is touched) called straight through a function pointer, through a bare
/// <see cref="UnmanagedCallersOnlyAttribute"/> method (the reverse P/Invoke transition, as System.Native reaches the
/// hook), through the same with errno saved and restored, and through the hook's own entry point with no switch behind
/// it and with the installed switch (for which the descriptor is untracked and passes through).
/// </summary>
internal sealed unsafe class HookAnatomyCases
{
    private static delegate* unmanaged<int, int> s_close;

    public HookAnatomyCases()
    {
        s_close = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "close");

        // The entry points read the originals the first installation saves.
        ProcessSockets.Install().Dispose();
    }

    /// <summary>The group; the first case is the baseline.</summary>
    public Case[] Calls() =>
    [
        new("close(-1) straight to libc", n => Loop(s_close, n)),
        new("through a bare [UnmanagedCallersOnly] method", n => Loop(&Bare, n)),
        new("... and errno saved and restored", n => Loop(&SavingErrno, n)),
        new("the hook's entry point, no switch", n => Loop(&HookEntryPoints.Close, n)),
        new("the hook's entry point, installed switch", Installed),
    ];

    private static Sample Installed(int n)
    {
        using var sockets = ProcessSockets.Install();
        return Loop(&HookEntryPoints.Close, n);
    }

    private static Sample Loop(delegate* unmanaged<int, int> close, int n)
    {
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            close(-1);
        }

        return meter.Stop(n);
    }

    [UnmanagedCallersOnly]
    private static int Bare(int fd) => s_close(fd);

    [UnmanagedCallersOnly]
    private static int SavingErrno(int fd)
    {
        int saved = Marshal.GetLastSystemError();
        int result = s_close(fd);
        Marshal.SetLastSystemError(result < 0 ? Marshal.GetLastSystemError() : saved);
        return result;
    }
}
