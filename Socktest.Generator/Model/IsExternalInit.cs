// netstandard2.0 lacks the type that lets the compiler emit init accessors for records.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
