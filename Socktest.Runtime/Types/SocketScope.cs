using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// A per-test part of the process-wide switch (see <see cref="ProcessSockets.BeginScope"/>), with its own filters,
/// statistics and table. It owns the sockets opened from the async flow that began it and from flows started from it
/// (<c>await</c>, <c>Task.Run</c>, <c>SocketsHttpHandler</c>'s connection attempts), the connections accepted on a
/// listener it owns, and the sockets handed to <see cref="Track"/>. Any number of scopes live at once, so fault
/// tests that use them run in parallel.
/// </summary>
/// <remarks>
/// <para>A socket belongs to one switch at most: the innermost live scope of the flow that opened it, else the
/// installed switch (<see cref="ProcessSockets.Install"/>) if one is alive, else none (its calls pass straight
/// through).</para>
/// <para>Begin the scope in the test method itself (<c>using var scope = ProcessSockets.BeginScope();</c>): an async
/// flow's values do not flow back out of an <c>async</c> method, so a scope begun inside an async helper or fixture
/// method owns nothing once that method returns. A pooled connection belongs to the scope whose request opened it:
/// give each test its own <c>HttpClient</c>.</para>
/// </remarks>
/// <example><code>
/// using var scope = ProcessSockets.BeginScope();
/// scope.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
/// await Assert.ThrowsAsync&lt;HttpRequestException&gt;(() => client.GetAsync(url));
/// scope.AssertNoLeaks();
/// </code></example>
public sealed class SocketScope : ProcessSwitch
{
    internal SocketScope(HookedSwitch host, IReadOnlyList<string> warnings)
        : base(host, warnings)
    {
    }

    /// <summary>The innermost live scope of the calling async flow: the scope that owns the sockets this flow opens now,
    /// or <see langword="null"/> when none does (the scope was begun in an <c>async</c> method that has returned, such
    /// as <c>InitializeAsync</c>, or on a flow this one does not come from).</summary>
    public static SocketScope? Current => ScopeReach.Handle(ScopeFlow.Current);

    /// <summary>Where the scope was begun, as a stack trace: the text <see cref="Track"/> shows when another scope
    /// asks for one of this scope's sockets.</summary>
    public string BegunAt => Host.CreatedAt;

    /// <summary>Makes an open socket this scope's, such as the listener of a server started before the test: from now
    /// on its calls go through this scope's filters and are counted here, and connections accepted on it are this
    /// scope's. The socket counts as <see cref="Stat.Adopted"/> (it was opened before, so neither Go's
    /// <c>opened</c> nor <c>accepted</c>), and its close as <c>closed</c>, so <c>opened + accepted + adopted = closed +
    /// open</c> holds; its cookie is the kernel's
    /// <c>SO_DOMAIN</c>, <c>SO_TYPE</c> and <c>SO_PROTOCOL</c>, without the creation flags a <c>socket</c> call
    /// carries. Tracking a socket the scope already owns does nothing.</summary>
    /// <param name="socket">The socket.</param>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The socket, or this scope, is disposed.</exception>
    /// <exception cref="InvalidOperationException">Another live scope, or the installed switch, owns the socket; the
    /// message says where that one was begun.</exception>
    public void Track(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var handle = socket.SafeHandle;
        bool referenced = false;
        try
        {
            // Throws ObjectDisposedException for a closed socket, and keeps its number from being reused meanwhile.
            handle.DangerousAddRef(ref referenced);
            int fd = (int)handle.DangerousGetHandle();
            ProcessSockets.Track(Host, fd, ReadCookie(fd));
        }
        catch (ObjectDisposedException) when (!referenced)
        {
            throw new ObjectDisposedException(socket.GetType().FullName, "The socket is disposed: only an open socket can be tracked.");
        }
        finally
        {
            if (referenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Claims <paramref name="endpoint"/> for this scope: a socket that connects to it becomes this scope's
    /// at its <c>connect</c>, whatever flow or thread opened it (a client that opens sockets with the flow suppressed,
    /// as gRPC's subchannel does, or on threads of its own), and an open socket already connected to it (a pool warmed
    /// before the scope) becomes this scope's now. Either counts as <see cref="Stat.Adopted"/> here, and the server end
    /// of such a loopback connection, accepted on a listener no scope owns, follows it. A socket another live scope
    /// owns, or the installed switch tracks, stays where it is. <see cref="IPAddress.Any"/> or
    /// <see cref="IPAddress.IPv6Any"/> claims every address of the port; an IPv4 address also matches its
    /// IPv4-mapped IPv6 form (a dual-mode socket's).</summary>
    /// <param name="endpoint">An <see cref="IPEndPoint"/>.</param>
    /// <returns>The claim: disposing it ends it (the scope's end also does); sockets already adopted stay the
    /// scope's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an IPv4 or IPv6 endpoint.</exception>
    /// <exception cref="ObjectDisposedException">This scope is disposed.</exception>
    /// <exception cref="InvalidOperationException">A live scope already claims the endpoint; the message says where
    /// that scope was begun.</exception>
    public IDisposable Claim(EndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (endpoint is not IPEndPoint inet)
        {
            throw new ArgumentException($"Only an IPEndPoint can be claimed (the address a socket connects to), not {endpoint.GetType().Name} {endpoint}.", nameof(endpoint));
        }

        return Claims.Add(Host, inet);
    }

    private unsafe Cookie ReadCookie(int fd)
    {
        int Read(int option)
        {
            int value = 0;
            uint length = sizeof(int);
            if (Host.Originals.GetsockoptFunction(fd, SocketConstants.SOL_SOCKET, option, &value, &length) < 0)
            {
                throw new SocketException(Marshal.GetLastSystemError());
            }

            return value;
        }

        return Cookie.Of(Read(SocketConstants.SO_DOMAIN), Read(SocketConstants.SO_TYPE), Read(SocketConstants.SO_PROTOCOL));
    }
}
