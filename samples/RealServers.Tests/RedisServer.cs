using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Samples.RealServers.Tests;

/// <summary>A real redis-server on 127.0.0.1 and a free port, for the test run: no persistence, stopped (killed, with
/// its children) when the run ends. <see cref="EndPoint"/> is null, and <see cref="Missing"/> says why, where
/// redis-server is not installed.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>Where it listens.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Why there is no server, or null.</summary>
    public string? Missing { get; private set; }

    /// <summary>Skips the calling test when there is no server.</summary>
    public IPEndPoint Require()
    {
        Assert.SkipWhen(EndPoint is null, Missing ?? "no redis-server");
        return EndPoint!;
    }

    public async ValueTask InitializeAsync()
    {
        string? binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            Missing = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
            return;
        }

        int port = ServerProcess.FreePort();
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        _process = await ServerProcess.StartAsync(
            binary, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"], endPoint);
        EndPoint = endPoint;
    }

    public ValueTask DisposeAsync()
    {
        ServerProcess.Stop(_process);
        return ValueTask.CompletedTask;
    }
}
