using System;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>
/// Two copies of Socktest.Runtime in one process (test runners load test assemblies into load contexts of their own):
/// each copy has its own statics, so neither can see the other's installation. The import slots themselves are the
/// shared truth: an Install finds a slot that no longer holds libc's function and refuses, instead of stacking a
/// second hook that silently takes every call from the first. JIT only: NativeAOT has one copy of everything.
/// </summary>
[Collection(ProcessWideCollection.Name)]
public class LoadContextTests
{
    [Fact]
    public void ASecondCopyRefusesToInstallOverTheFirstAndEitherOrderWorksOnceTheOtherIsDisposed()
    {
        var second = SecondCopy();

        using (var first = ProcessSockets.Install())
        {
            var refused = Assert.Throws<InvalidOperationException>(() => InstallIn(second));
            Assert.Contains("another process-wide Socktest switch", refused.Message, StringComparison.Ordinal);
            Assert.Contains("AssemblyLoadContext", refused.Message, StringComparison.Ordinal);

            // The first switch still sees every socket: nothing was stacked over it.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Contains((int)socket.Handle, first.Sockets().Keys);
        }

        var fromSecond = InstallIn(second);
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => ProcessSockets.Install());
            Assert.Contains("another process-wide Socktest switch", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            fromSecond.Dispose();
        }

        using var again = ProcessSockets.Install();
        using var counted = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Contains((int)counted.Handle, again.Sockets().Keys);
    }

    private static Assembly SecondCopy()
    {
        var context = new AssemblyLoadContext("socktest-second-copy");
        var copy = context.LoadFromAssemblyPath(typeof(ProcessSockets).Assembly.Location);
        Assert.NotSame(typeof(ProcessSockets).Assembly, copy);
        return copy;
    }

    private static IDisposable InstallIn(Assembly copy)
    {
        var install = copy.GetType(typeof(ProcessSockets).FullName!, throwOnError: true)!.GetMethod(nameof(ProcessSockets.Install))!;
        try
        {
            return (IDisposable)install.Invoke(null, null)!;
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            throw wrapped.InnerException;
        }
    }
}
