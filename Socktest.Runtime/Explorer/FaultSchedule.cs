using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace Socktest;

/// <summary>The faults one run of a scenario is given, each at its point: what the explorer reports for a failure, one
/// line long (<see cref="ToString"/>), read back by <see cref="Parse"/> and replayed by <see cref="ApplyTo"/>.</summary>
public sealed class FaultSchedule : IEquatable<FaultSchedule>
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="faults">The faults, in the order they were added.</param>
    public FaultSchedule(IEnumerable<ScheduledFault> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        Faults = faults.ToArray();
        foreach (var fault in Faults)
        {
            ArgumentNullException.ThrowIfNull(fault, nameof(faults));
        }
    }

    /// <summary>The schedule with no fault: the fault-free run.</summary>
    public static FaultSchedule None { get; } = new([]);

    /// <summary>The faults, each a <see cref="ScheduledFault.Point"/> and its <see cref="ScheduledFault.Fault"/>.</summary>
    public IReadOnlyList<ScheduledFault> Faults { get; }

    /// <summary>This schedule with one more fault.</summary>
    /// <param name="fault">The fault to add.</param>
    /// <returns>The longer schedule.</returns>
    public FaultSchedule With(ScheduledFault fault) => new(Faults.Append(fault));

    /// <summary>Deploys the schedule on <paramref name="scope"/> before the scenario runs in it: filters on the kinds of
    /// socket call it has faults for and, for lookup faults, a host-filter layer in front of the scope's own (so a host filter the scenario deploys still applies,
    /// and its names' lookups can still fail). The filters count the calls as the explorer counted them and inject each
    /// fault once, at its point. Deploy no socket filters of your own on the scope afterwards: they would replace these.</summary>
    /// <param name="scope">A fresh scope, before the scenario runs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> is <see langword="null"/>.</exception>
    public void ApplyTo(SocketScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        new PointRecorder(this, kinds: 0).Deploy(scope);
    }

    /// <summary>The schedule on one line: its faults joined by <c>"; "</c>, or <c>none</c>:
    /// <c>connect#1@s1&lt;127.0.0.1:5000&gt;=refuse; connect#1@s2&lt;127.0.0.1:5000&gt;=refuse</c>.</summary>
    /// <returns>The line, which <see cref="Parse"/> reads back.</returns>
    public override string ToString() => Faults.Count == 0 ? "none" : string.Join("; ", Faults);

    /// <summary>Reads a schedule line (see <see cref="ToString"/>).</summary>
    /// <param name="text">The line.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The line is not a schedule.</exception>
    public static FaultSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string line = text.Trim();
        if (line == "none")
        {
            return None;
        }

        var faults = new List<ScheduledFault>();
        foreach (string part in line.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.LastIndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"'{part}' is not point=fault.");
            }

            faults.Add(new ScheduledFault(ParsePoint(part[..equals]), ExploreFault.Parse(part[(equals + 1)..])));
        }

        if (faults.Count == 0)
        {
            throw new FormatException($"'{text}' holds no fault: an empty schedule is written 'none'.");
        }

        return new FaultSchedule(faults);
    }

    /// <inheritdoc/>
    public bool Equals(FaultSchedule? other)
        => other is not null && Faults.Count == other.Faults.Count
            && Faults.Zip(other.Faults).All(pair => pair.First.Point.Equals(pair.Second.Point) && pair.First.Fault.Equals(pair.Second.Fault));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FaultSchedule);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var fault in Faults)
        {
            hash.Add(fault.Point);
            hash.Add(fault.Fault);
        }

        return hash.ToHashCode();
    }

    /// <summary>Reads <c>kind#ordinal[@sN][+offset][&lt;where&gt;]</c>.</summary>
    private static FaultPoint ParsePoint(string text)
    {
        string rest = text.Trim();
        string? where = null;
        int angle = rest.IndexOf('<', StringComparison.Ordinal);
        if (angle >= 0)
        {
            if (!rest.EndsWith('>'))
            {
                throw new FormatException($"'{text}': '<' without its '>'.");
            }

            where = rest[(angle + 1)..^1];
            rest = rest[..angle];
        }

        long offset = 0;
        int plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            offset = Number(rest[(plus + 1)..], text);
            rest = rest[..plus];
        }

        long socket = 0;
        int at = rest.IndexOf("@s", StringComparison.Ordinal);
        if (at >= 0)
        {
            socket = Number(rest[(at + 2)..], text);
            rest = rest[..at];
        }

        int hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || FaultPoint.KindNamed(rest[..hash]) is not { } kind)
        {
            throw new FormatException($"'{text}' names no kind of call: expected socket#1, connect#1@s1, recv#1@s1+0, lookup#1<name>...");
        }

        int ordinal = checked((int)Number(rest[(hash + 1)..], text));
        try
        {
            return kind == FaultPointKind.HostLookup
                ? new FaultPoint(kind, ordinal, hostName: where)
                : new FaultPoint(kind, ordinal, socket, offset, where is null ? null : ParseEndPoint(where, text));
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"'{text}': {exception.Message}", exception);
        }
    }

    private static long Number(string digits, string text)
        => long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"'{text}': '{digits}' is not a number.");

    private static EndPoint ParseEndPoint(string where, string text)
        => IPEndPoint.TryParse(where, out var endPoint) ? endPoint : throw new FormatException($"'{text}': '{where}' is not an address and port.");
}
