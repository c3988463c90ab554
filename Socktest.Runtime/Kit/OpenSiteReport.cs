using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>The third section of a leak report: where each leaked socket was opened, when that was recorded, from the
/// user's frame on.</summary>
internal static class OpenSiteReport
{
    private const string Header = "Where the leaked sockets were opened:\n";

    /// <summary>Socktest's own frames (the engine, the hook's entry points and its generated switch, the kit), and the
    /// runtime's P/Invoke stubs into System.Native (<c>Interop.Sys.Socket</c>, which is a frame of its own or not,
    /// depending on the JIT's tier). Named by namespace, not skipped by count: how many there are depends on inlining
    /// and on the path the call took.</summary>
    private static readonly string[] SocktestFrames = ["Socktest.Engine.", "Socktest.ProcessHooks.", "Socktest.Kit.", "Socktest.Interop.", "Interop.Sys."];

    /// <summary>The machinery that runs asynchronous code: state machines and their builders, the execution context,
    /// tasks and their continuations, the thread pool and timers. It says nothing about who opened the socket and makes
    /// up most of a stack captured under an <c>await</c>.</summary>
    private static readonly string[] AsyncMachinery =
    [
        "System.Runtime.CompilerServices.", "System.Threading.ExecutionContext.", "System.Threading.Tasks.",
        "System.Threading.ThreadPool", "System.Threading.PortableThreadPool", "System.Threading.Thread.",
        "System.Threading.TimerQueue", "System.Threading.CancellationTokenSource.",
    ];

    /// <summary>Test frameworks' own frames: the runner below the test method.</summary>
    private static readonly string[] TestFrameworks =
    [
        "Xunit.", "TUnit.", "NUnit.", "Microsoft.VisualStudio.TestTools.", "Microsoft.VisualStudio.TestPlatform.",
        "Microsoft.Testing.", "Microsoft.TestPlatform.",
    ];

    /// <summary>Libraries the user calls rather than writes: the runtime's (its P/Invoke class <c>Interop</c>
    /// included), Microsoft's and Polly (the resilience handlers' engine). The first frame that is none of these, nor
    /// Socktest's, nor a test framework's, is the user's.</summary>
    private static readonly string[] Libraries = ["System.", "Microsoft.", "Interop.", "Polly."];

    /// <summary>The recorded sites of <paramref name="leaked"/>, by descriptor, from the user's frame on (see
    /// <see cref="Trim"/>). Asks the switch for its core only when there is a leak, so a check that passes costs
    /// nothing more.</summary>
    internal static IReadOnlyDictionary<int, StackTrace> Find(ISocketSwitch sw, IReadOnlyList<Status> leaked)
    {
        var sites = new Dictionary<int, StackTrace>();
        if (SwitchCores.Find(sw) is not { } core)
        {
            return sites;
        }

        foreach (var status in leaked)
        {
            if (core.OpenSite(status.Descriptor, status.Generation) is { } site)
            {
                sites.Add(status.Descriptor, Trim(site));
            }
        }

        return sites;
    }

    /// <summary>The frames of <paramref name="site"/> that say who opened the socket: from the first frame of the
    /// user's code (neither Socktest's, nor the runtime's or Microsoft's, nor a test framework's) on, without the
    /// asynchronous machinery and the test framework's runner in between. A socket opened on a thread of the runtime's
    /// own (a retry on a timer, a connection attempt on the thread pool) may have no user frame: its site then starts
    /// below Socktest's frames, with the machinery left out all the same.</summary>
    internal static StackTrace Trim(StackTrace site)
    {
        var frames = site.GetFrames();
        var named = new (StackFrame Frame, string Name)[frames.Length];
        int start = -1;
        int afterSocktest = 0;
        for (int i = 0; i < frames.Length; i++)
        {
            string name = NameOf(frames[i]);
            named[i] = (frames[i], name);
            if (IsAny(name, SocktestFrames))
            {
                afterSocktest = i + 1;
                continue;
            }

            if (start < 0 && name.Length > 0 && !IsAny(name, Libraries) && !IsAny(name, TestFrameworks))
            {
                start = i;
            }
        }

        var kept = new List<StackFrame>();
        for (int i = start >= 0 ? start : afterSocktest; i < named.Length; i++)
        {
            string name = named[i].Name;
            if (name.Length > 0 && !IsAny(name, SocktestFrames) && !IsAny(name, AsyncMachinery) && !IsAny(name, TestFrameworks))
            {
                kept.Add(named[i].Frame);
            }
        }

        return new StackTrace(kept);
    }

    internal static string Format(IReadOnlyList<Status> leaked, IReadOnlyDictionary<int, StackTrace> sites)
    {
        if (sites.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(Header);
        foreach (var status in leaked)
        {
            if (!sites.TryGetValue(status.Descriptor, out var site))
            {
                continue;
            }

            text.Append(status.Descriptor).Append(": ").Append(status.Cookie).Append('\n');
            foreach (string line in Lines(site))
            {
                text.Append("    ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string[] Lines(StackTrace site)
        => site.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The frame's method as the runtime prints it (<c>Namespace.Type.Method(...)</c>), read from its text
    /// rather than through reflection, which a trimmed or NativeAOT program may not keep; empty for a frame the
    /// runtime hides or cannot name.</summary>
    private static string NameOf(StackFrame frame)
    {
        string[] lines = Lines(new StackTrace(frame));
        if (lines.Length == 0)
        {
            return string.Empty;
        }

        string line = lines[0];
        int at = line.IndexOf(' ', StringComparison.Ordinal);
        return at < 0 ? line : line[(at + 1)..];
    }

    private static bool IsAny(string name, string[] prefixes)
    {
        foreach (string prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
