using System.Linq;

namespace Socktest.Generator.Model;

/// <summary>How the engine brackets a call: where its <c>Begin</c> finds the socket.</summary>
internal enum CallOpening
{
    /// <summary>The call makes a new socket from its arguments (<c>SwitchCore.BeginSocket</c>): the filter always
    /// runs, nothing passes through.</summary>
    NewSocket,

    /// <summary>The call is on the descriptor in its first parameter (<c>SwitchCore.Begin</c>): a descriptor the
    /// switch does not track passes straight through.</summary>
    OnDescriptor,

    /// <summary>The call moves data between the descriptor in its first parameter and a buffer
    /// (<c>SwitchCore.BeginTransfer</c>, given the buffer's length): like <see cref="OnDescriptor"/>, and the filter
    /// may cut the buffer short (<c>FilterResult.Limit</c>), so the real call gets <c>SwitchCore.Cut</c> of it.</summary>
    Transfer,
}

/// <summary>
/// Everything about one socket call that the generator knows, in one place: the parser checks a declaration against
/// it, the emitter renders the switch's wrapper and the native passthrough from it, and the diagnostics quote it.
/// </summary>
/// <param name="Name">The method's name, the same on the user's interface, on <c>Socktest.Interop.Libc</c> and on the
/// process-wide switch.</param>
/// <param name="Parameters">The parameters, in order; every call returns <c>int</c>.</param>
/// <param name="FilterType">The <c>Socktest.FilterType</c> member whose filter runs for it.</param>
/// <param name="Opening">Where the engine's <c>Begin</c> finds the socket.</param>
/// <param name="EndMethod">The <c>SwitchCore</c> method that finishes the call, given the real call's result.</param>
/// <param name="EndArguments">Indexes of the parameters passed to <paramref name="EndMethod"/> after the result.</param>
/// <param name="CreatesDescriptor">Whether a successful call hands out a new descriptor (which needs a Close).</param>
/// <param name="ClosesDescriptor">Whether the call is the one the switch closes descriptors with.</param>
/// <param name="BufferParameter">For a <see cref="CallOpening.Transfer"/> call, the index of its data buffer; else -1.</param>
/// <param name="BeginArguments">Indexes of the parameters passed to the engine's <see cref="BeginMethod"/> after the
/// descriptor, for a filter to see (Connect's destination, GetsockoptInt's level and option); empty for most calls.</param>
internal sealed record CallDescription(
    string Name,
    EquatableArray<CallParameter> Parameters,
    string FilterType,
    CallOpening Opening,
    string EndMethod,
    EquatableArray<int> EndArguments,
    bool CreatesDescriptor,
    bool ClosesDescriptor,
    int BufferParameter,
    EquatableArray<int> BeginArguments)
{
    /// <summary>The <c>SwitchCore</c> method that begins a call on a descriptor: <c>Begin</c>, or for a call whose filter
    /// sees some of its arguments (<see cref="BeginArguments"/>), <c>Begin</c> and the call's name.</summary>
    public string BeginMethod => BeginArguments.Count == 0 ? "Begin" : "Begin" + Name;

    /// <summary>The signature as the user declares it, for messages: <c>int Listen(int fd, int backlog)</c>.</summary>
    public string Signature
        => "int " + Name + "(" + string.Join(", ", Parameters.Select(p => p.Modifier + p.TypeName + " " + p.DefaultName)) + ")";
}
