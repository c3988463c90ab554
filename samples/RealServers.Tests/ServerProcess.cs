using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Samples.RealServers.Tests;

/// <summary>A server binary run for the tests on a loopback port: started, waited for until it accepts connections
/// (at most 30 s), and killed with its children at the end.</summary>
internal static class ServerProcess
{
    /// <summary>A port nothing listens on now, for a server to take.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>, its output drained, and waits until
    /// <paramref name="endPoint"/> accepts a connection.</summary>
    public static async Task<Process> StartAsync(string program, string[] arguments, IPEndPoint endPoint)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(endPoint, deadline.Token);
                return process;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>Kills <paramref name="process"/> and its children, if it runs.</summary>
    public static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
    }
}
