using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>Lists the ELF objects loaded in the process with glibc's <c>dl_iterate_phdr</c>.</summary>
internal static unsafe partial class LoadedObjects
{
    // dl_phdr_info's leading fields, which are stable across glibc versions.
    [StructLayout(LayoutKind.Sequential)]
    private struct DlPhdrInfo
    {
        public nint Address;
        public byte* Name;
        public nint ProgramHeaders;
        public ushort ProgramHeaderCount;
    }

    [ThreadStatic]
    private static List<LoadedObject>? t_collected;

    /// <summary>The loaded objects, the main program first.</summary>
    public static List<LoadedObject> Enumerate()
    {
        var collected = new List<LoadedObject>();
        t_collected = collected;
        try
        {
            _ = dl_iterate_phdr(&Collect, null);
        }
        finally
        {
            t_collected = null;
        }

        return collected;
    }

    [UnmanagedCallersOnly]
    private static int Collect(DlPhdrInfo* info, nuint size, void* data)
    {
        string name = info->Name is null ? string.Empty : Marshal.PtrToStringUTF8((nint)info->Name) ?? string.Empty;
        t_collected?.Add(new LoadedObject(name, info->Address, info->ProgramHeaders, info->ProgramHeaderCount));
        return 0;
    }

    [LibraryImport("libc")]
    private static partial int dl_iterate_phdr(delegate* unmanaged<DlPhdrInfo*, nuint, void*, int> callback, void* data);
}
