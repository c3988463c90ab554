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

/// <summary>A real PostgreSQL on 127.0.0.1 and a free port, for the test run: a fresh cluster in a temporary directory
/// (trust authentication, no fsync), stopped (killed) and removed when the run ends. PostgreSQL refuses to run as root,
/// so under root it runs as the <c>postgres</c> user the package creates. <see cref="ConnectionString"/> is null, and
/// <see cref="Missing"/> says why, where PostgreSQL is not installed.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private Process? _process;
    private string? _directory;

    /// <summary>Where it listens.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Npgsql's connection string for it.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why there is no server, or null.</summary>
    public string? Missing { get; private set; }

    /// <summary>Skips the calling test when there is no server.</summary>
    public string Require()
    {
        Assert.SkipWhen(ConnectionString is null, Missing ?? "no PostgreSQL");
        return ConnectionString!;
    }

    public async ValueTask InitializeAsync()
    {
        string? bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            Missing = "PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)";
            return;
        }

        bool root = Environment.UserName == "root";
        _directory = Directory.CreateTempSubdirectory("socktest-pg-").FullName;
        if (root)
        {
            await RunAsync("chown", ["postgres:postgres", _directory]);
        }

        string data = Path.Combine(_directory, "data");
        int exit = await RunAsync(As(root, Path.Combine(bin, "initdb")), [.. AsArgs(root, Path.Combine(bin, "initdb")), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
        if (exit != 0)
        {
            Missing = $"initdb failed ({exit})";
            return;
        }

        int port = ServerProcess.FreePort();
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        string postgres = Path.Combine(bin, "postgres");
        _process = await ServerProcess.StartAsync(
            As(root, postgres),
            [.. AsArgs(root, postgres), "-D", data, "-p", port.ToString(), "-k", _directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
            endPoint);
        EndPoint = endPoint;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=5";
    }

    public ValueTask DisposeAsync()
    {
        ServerProcess.Stop(_process);
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temporary directory's cleaner.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string As(bool root, string program) => root ? "runuser" : program;

    private static string[] AsArgs(bool root, string program) => root ? ["-u", "postgres", "--", program] : [];

    private static async Task<int> RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }
}
