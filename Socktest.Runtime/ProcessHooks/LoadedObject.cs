namespace Socktest.ProcessHooks;

/// <summary>One ELF object mapped into the process, as <c>dl_iterate_phdr</c> reports it.</summary>
/// <param name="Name">Its path; empty for the main program.</param>
/// <param name="BaseAddress">The load bias added to the object's virtual addresses.</param>
/// <param name="ProgramHeaders">The address of its program header table.</param>
/// <param name="ProgramHeaderCount">The number of program headers.</param>
internal readonly record struct LoadedObject(string Name, nint BaseAddress, nint ProgramHeaders, int ProgramHeaderCount);
