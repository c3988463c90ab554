using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// Finds the global offset table slots through which an ELF object calls imported functions, by walking its dynamic
/// section: DT_JMPREL/DT_PLTRELSZ (the PLT relocations) and DT_RELA/DT_RELASZ (GLOB_DAT, for calls built without a
/// PLT), resolved by name through DT_SYMTAB/DT_STRTAB. 64-bit ELF only (x64 and arm64).
/// </summary>
internal static unsafe class ElfImportSlots
{
    private const uint PtDynamic = 2;
    private const uint PtGnuRelro = 0x6474e552;
    private const long DtNull = 0;
    private const long DtPltRelSize = 2;
    private const long DtStrTab = 5;
    private const long DtSymTab = 6;
    private const long DtRela = 7;
    private const long DtRelaSize = 8;
    private const long DtJmpRel = 23;
    private const int RelaSize = 24;
    private const int SymSize = 24;

    /// <summary>A slot: where it is, and whether it lies in the read-only-after-relocation (RELRO) region.</summary>
    public readonly record struct Slot(nint Address, bool InRelro);

    [StructLayout(LayoutKind.Sequential)]
    private struct ProgramHeader
    {
        public uint Type;
        public uint Flags;
        public ulong Offset;
        public ulong VirtualAddress;
        public ulong PhysicalAddress;
        public ulong FileSize;
        public ulong MemorySize;
        public ulong Align;
    }

    /// <summary>Finds the slots of <paramref name="names"/> that the object imports; absent names are left out.</summary>
    public static Dictionary<string, Slot> Find(LoadedObject loaded, IReadOnlyCollection<string> names)
    {
        var slots = new Dictionary<string, Slot>(StringComparer.Ordinal);
        var headers = (ProgramHeader*)loaded.ProgramHeaders;
        ProgramHeader* dynamic = null;
        ulong relroStart = 0, relroEnd = 0;
        for (int i = 0; i < loaded.ProgramHeaderCount; i++)
        {
            if (headers[i].Type == PtDynamic)
            {
                dynamic = &headers[i];
            }
            else if (headers[i].Type == PtGnuRelro)
            {
                relroStart = (ulong)loaded.BaseAddress + headers[i].VirtualAddress;
                relroEnd = relroStart + headers[i].MemorySize;
            }
        }

        if (dynamic is null)
        {
            return slots;
        }

        nint jmpRel = 0, rela = 0, symTab = 0, strTab = 0;
        long pltRelSize = 0, relaSize = 0;
        for (var entry = (long*)(loaded.BaseAddress + (nint)dynamic->VirtualAddress); entry[0] != DtNull; entry += 2)
        {
            switch (entry[0])
            {
                case DtJmpRel: jmpRel = Absolute(loaded, entry[1]); break;
                case DtPltRelSize: pltRelSize = entry[1]; break;
                case DtRela: rela = Absolute(loaded, entry[1]); break;
                case DtRelaSize: relaSize = entry[1]; break;
                case DtSymTab: symTab = Absolute(loaded, entry[1]); break;
                case DtStrTab: strTab = Absolute(loaded, entry[1]); break;
            }
        }

        if (symTab == 0 || strTab == 0)
        {
            return slots;
        }

        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        Scan(jmpRel, pltRelSize);
        Scan(rela, relaSize);
        return slots;

        void Scan(nint table, long size)
        {
            if (table == 0)
            {
                return;
            }

            for (long offset = 0; offset + RelaSize <= size; offset += RelaSize)
            {
                var relocation = (ulong*)(table + (nint)offset);
                ulong info = relocation[1];
                uint symbolIndex = (uint)(info >> 32);
                if (symbolIndex == 0 || !IsImportSlotType((uint)info))
                {
                    continue;
                }

                var symbol = (byte*)(symTab + (nint)(symbolIndex * SymSize));
                string? name = Marshal.PtrToStringUTF8(strTab + (nint)(*(uint*)symbol));
                if (name is null || !wanted.Contains(name) || slots.ContainsKey(name))
                {
                    continue;
                }

                ulong address = (ulong)loaded.BaseAddress + relocation[0];
                slots.Add(name, new Slot((nint)address, address >= relroStart && address < relroEnd));
            }
        }
    }

    /// <summary>Whether <paramref name="address"/> lies in one of the object's loaded segments (PT_LOAD): where an
    /// import slot points before lazy binding has resolved it (the object's own PLT).</summary>
    public static bool Contains(LoadedObject loaded, nint address)
    {
        const uint PtLoad = 1;
        var headers = (ProgramHeader*)loaded.ProgramHeaders;
        for (int i = 0; i < loaded.ProgramHeaderCount; i++)
        {
            ulong start = (ulong)loaded.BaseAddress + headers[i].VirtualAddress;
            if (headers[i].Type == PtLoad && (ulong)address >= start && (ulong)address < start + headers[i].MemorySize)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JUMP_SLOT and GLOB_DAT relocations on x64 and arm64: slots holding a function's address.</summary>
    private static bool IsImportSlotType(uint type) => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => type is 7 /* R_X86_64_JUMP_SLOT */ or 6 /* R_X86_64_GLOB_DAT */,
        Architecture.Arm64 => type is 1026 /* R_AARCH64_JUMP_SLOT */ or 1025 /* R_AARCH64_GLOB_DAT */,
        _ => false,
    };

    /// <summary>glibc relocates most dynamic entries in memory to absolute addresses; other loaders leave them as
    /// offsets from the load bias. An address below the bias must be an offset.</summary>
    private static nint Absolute(LoadedObject loaded, long value)
        => (ulong)value < (ulong)loaded.BaseAddress ? loaded.BaseAddress + (nint)value : (nint)value;
}
