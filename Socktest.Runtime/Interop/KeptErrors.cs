using System.Runtime.InteropServices;

namespace Socktest.Interop;

/// <summary>
/// errno and the runtime's last P/Invoke error as they were when saved, put back when disposed: code the hook runs
/// beside an intercepted call (a table behind a lock, a <c>getsockname</c> or <c>getsockopt</c> of its own) must leave
/// its caller both errors exactly as the call left them, whatever it did in between. <c>using var kept =
/// KeptErrors.Save();</c>.
/// </summary>
/// <remarks>The hook's entry points save and restore errno by hand instead: a <c>using</c> there is a
/// <c>try</c>/<c>finally</c> on every intercepted call (docs/decisions/errno-save-restore.md).</remarks>
internal readonly ref struct KeptErrors
{
    private readonly int _errno;
    private readonly int _pinvokeError;

    private KeptErrors(int errno, int pinvokeError)
    {
        _errno = errno;
        _pinvokeError = pinvokeError;
    }

    /// <summary>Saves both errors as they are now.</summary>
    /// <returns>What <see cref="Dispose"/> puts back.</returns>
    public static KeptErrors Save() => new(Marshal.GetLastSystemError(), Marshal.GetLastPInvokeError());

    /// <summary>Puts both errors back as they were saved.</summary>
    public void Dispose()
    {
        Marshal.SetLastSystemError(_errno);
        Marshal.SetLastPInvokeError(_pinvokeError);
    }
}
