using System.Runtime.CompilerServices;
using Socktest.Engine;

namespace Socktest.ProcessHooks;

/// <summary>Reaches the engine inside the switch that Socktest's generator makes from <see cref="IProcessSocketCalls"/>,
/// for the one setting only the process-wide switch needs (<see cref="SwitchCore.ReleaseEveryClose"/>). The generator
/// emits the switch whole (a partial part beside it is SOCKTEST008), so its private field is reached the way
/// NativeAOT supports: an <see cref="UnsafeAccessorAttribute"/>. Every Install goes through it, so a renamed field
/// fails every process-wide test at once.</summary>
internal static class SwitchCoreAccess
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_core")]
    internal static extern ref SwitchCore CoreOf(ProcessSocketSwitch sw);
}
