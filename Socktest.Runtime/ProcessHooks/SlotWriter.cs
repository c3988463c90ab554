using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>Swaps the function pointer in a GOT slot, lifting the page's RELRO protection for the write.</summary>
internal static unsafe partial class SlotWriter
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;

    public static void Write(ElfImportSlots.Slot slot, nint value)
    {
        nint pageSize = Environment.SystemPageSize;
        nint page = slot.Address & ~(pageSize - 1);
        if (slot.InRelro && mprotect(page, (nuint)pageSize, ProtRead | ProtWrite) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "mprotect could not make the import table writable.");
        }

        // An aligned pointer-sized store is atomic, so a thread calling through the slot sees the old or the new target.
        System.Threading.Volatile.Write(ref *(nint*)slot.Address, value);

        if (slot.InRelro && mprotect(page, (nuint)pageSize, ProtRead) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "mprotect could not restore the import table's protection.");
        }
    }

    public static nint Read(ElfImportSlots.Slot slot) => System.Threading.Volatile.Read(ref *(nint*)slot.Address);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);
}
