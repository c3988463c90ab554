using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// The scope that owns what the current async flow opens: set by <see cref="ProcessSockets.BeginScope"/> in the
/// flow that calls it, carried by the runtime wherever the flow goes (<c>await</c>, <c>Task.Run</c>, the thread pool,
/// <c>SocketsHttpHandler</c>'s connection attempts).
/// </summary>
internal static class ScopeFlow
{
    private static readonly AsyncLocal<HookedSwitch?> s_current = new();
    private static int s_liveScopes;

    /// <summary>The innermost live scope of this flow, or <see langword="null"/>. A scope disposed in a flow that
    /// still carries it (a task that outlived its test) hands over to the scope it was begun in.</summary>
    internal static HookedSwitch? Current
    {
        // Most processes that load the hook never begin a scope: skip the flow's lookup for them, inlined into the hook.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref s_liveScopes) == 0 ? null : FromFlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static HookedSwitch? FromFlow()
    {
        var scope = s_current.Value;
        while (scope is not null && scope.Retired)
        {
            scope = scope.Parent;
        }

        return scope;
    }

    /// <summary>A call on a descriptor that <paramref name="owner"/>, a live scope, owns: when another scope's flow
    /// makes it (not one begun inside the owner's), the owner reports it (<see cref="ScopeReach.UsedFromAnotherScope"/>).
    /// Costs one load unless two scopes are live.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Used(HookedSwitch owner, int fd)
    {
        if (Volatile.Read(ref s_liveScopes) > 1)
        {
            UsedFromFlow(owner, fd);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void UsedFromFlow(HookedSwitch owner, int fd)
    {
        var user = FromFlow();
        if (user is null || user == owner)
        {
            return;
        }

        for (var outer = user.Parent; outer is not null; outer = outer.Parent)
        {
            if (outer == owner)
            {
                return;
            }
        }

        ScopeReach.UsedFromAnotherScope(owner, user, fd);
    }

    internal static void Enter(HookedSwitch scope)
    {
        Interlocked.Increment(ref s_liveScopes);
        s_current.Value = scope;
    }

    /// <summary>Ends <paramref name="scope"/>'s ownership of new sockets; when the calling flow still has it as its
    /// scope, the flow goes back to the scope it was begun in.</summary>
    internal static void Leave(HookedSwitch scope)
    {
        if (s_current.Value == scope)
        {
            s_current.Value = scope.Parent;
        }

        Interlocked.Decrement(ref s_liveScopes);
    }
}
