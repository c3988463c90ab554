using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Socktest.Interop;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The runtime's epoll registrations, learned from its <c>epoll_ctl</c> calls, and the way to re-signal a socket's
/// readiness. .NET registers each socket edge-triggered: a readiness is reported once, when it arises. A call the
/// switch answered with EAGAIN while the socket was in fact ready (a held read, a held write) has used up that edge,
/// and the runtime would wait for the next one for ever. <c>epoll_ctl(EPOLL_CTL_MOD)</c> with the same registration
/// makes the kernel look at the socket again and report what is ready now, waking the runtime's
/// <c>epoll_wait</c>, without a byte moving.
/// </summary>
internal static unsafe class Readiness
{
    private const int Add = 1;
    private const int Delete = 2;
    private const int Modify = 3;

    // struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16 bytes).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly Dictionary<int, Registration> s_registrations = [];

    /// <summary>Makes the runtime's <c>epoll_ctl</c> and, when it succeeded, remembers or forgets the registration.
    /// Nothing is thrown; errno is libc's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Control(int epollFd, int operation, int fd, byte* epollEvent)
    {
        int result = ProcessHook.Originals!.EpollCtlFunction(epollFd, operation, fd, epollEvent);
        if (result == 0)
        {
            using var kept = KeptErrors.Save();
            try
            {
                Remember(epollFd, operation, fd, epollEvent);
            }
            catch (OutOfMemoryException)
            {
                // A registration not remembered only means a held call on it waits on a thread instead.
            }
        }

        return result;
    }

    /// <summary>Re-signals <paramref name="fd"/>'s readiness to the runtime's epoll, as registered.</summary>
    /// <returns>Whether it was registered and the kernel took the change.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool Rearm(int fd)
    {
        Registration registration;
        lock (s_registrations)
        {
            if (!s_registrations.TryGetValue(fd, out registration))
            {
                return false;
            }
        }

        using var kept = KeptErrors.Save();
        byte* epollEvent = stackalloc byte[16];
        new Span<byte>(registration.Event).CopyTo(new Span<byte>(epollEvent, 16));
        return ProcessHook.Originals!.EpollCtlFunction(registration.EpollFd, Modify, fd, epollEvent) == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Remember(int epollFd, int operation, int fd, byte* epollEvent)
    {
        if (operation is not (Add or Modify or Delete))
        {
            return;
        }

        lock (s_registrations)
        {
            if (operation == Delete || epollEvent is null)
            {
                s_registrations.Remove(fd);
                return;
            }

            var saved = new byte[16];
            new ReadOnlySpan<byte>(epollEvent, EventSize).CopyTo(saved);
            s_registrations[fd] = new Registration(epollFd, saved);
        }
    }

    private readonly record struct Registration(int EpollFd, byte[] Event);
}
