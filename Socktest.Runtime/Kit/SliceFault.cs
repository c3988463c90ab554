using System.Globalization;
using System.Threading;

namespace Socktest.Kit;

/// <summary><see cref="Faults.Slice"/>: every data call that asks for more than the slice moves at most the slice.</summary>
internal sealed class SliceFault(int maxBytes) : Fault
{
    private long _cut;

    protected override string Name => $"Slice({maxBytes.ToString(CultureInfo.InvariantCulture)})";

    protected override string Summary
        => $"{Count(Seen, "call")} seen, {Interlocked.Read(ref _cut).ToString(CultureInfo.InvariantCulture)} cut short";

    protected override FilterResult Decide(long call, Status status)
    {
        // A call that asks for no more than the slice is left alone; counting it as cut would overstate the fault.
        if (status.Requested > maxBytes)
        {
            Interlocked.Increment(ref _cut);
        }

        return FilterResult.Limit(maxBytes);
    }
}
