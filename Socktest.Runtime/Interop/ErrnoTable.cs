using System;
using System.Runtime.InteropServices;

namespace Socktest.Interop;

/// <summary>
/// The one table of errno numbers: each errno the runtime names, its Linux and macOS numbers, and the text Go prints
/// for it on Linux. <see cref="Errno"/>'s static members read their values from here by name.
/// </summary>
internal static class ErrnoTable
{
    /// <summary>One errno: its symbolic name, its numbers, and Go's text.</summary>
    internal readonly record struct Row(string Name, int Linux, int MacOS, string GoText)
    {
        /// <summary>The number on the running OS.</summary>
        public int Value => Platform.Pick(Linux, MacOS);
    }

    // The texts are Go's syscall.Errno strings on Linux, from the errors table in Go's
    // src/syscall/zerrors_linux_amd64.go (the same on every Linux architecture): glibc's strerror with the first
    // letter lowercased. EOPNOTSUPP is 102 on macOS (45 is ENOTSUP there).
    internal static readonly Row[] Rows =
    [
        new("EPERM", 1, 1, "operation not permitted"),
        new("ENOENT", 2, 2, "no such file or directory"),
        new("EINTR", 4, 4, "interrupted system call"),
        new("EIO", 5, 5, "input/output error"),
        new("EBADF", 9, 9, "bad file descriptor"),
        new("EAGAIN", 11, 35, "resource temporarily unavailable"),
        new("ENOMEM", 12, 12, "cannot allocate memory"),
        new("EACCES", 13, 13, "permission denied"),
        new("EFAULT", 14, 14, "bad address"),
        new("EINVAL", 22, 22, "invalid argument"),
        new("ENFILE", 23, 23, "too many open files in system"),
        new("EMFILE", 24, 24, "too many open files"),
        new("ENOSPC", 28, 28, "no space left on device"),
        new("EPIPE", 32, 32, "broken pipe"),
        new("ENOSYS", 38, 78, "function not implemented"),
        new("ENOTSOCK", 88, 38, "socket operation on non-socket"),
        new("EDESTADDRREQ", 89, 39, "destination address required"),
        new("EMSGSIZE", 90, 40, "message too long"),
        new("EPROTOTYPE", 91, 41, "protocol wrong type for socket"),
        new("ENOPROTOOPT", 92, 42, "protocol not available"),
        new("EPROTONOSUPPORT", 93, 43, "protocol not supported"),
        new("ESOCKTNOSUPPORT", 94, 44, "socket type not supported"),
        new("EOPNOTSUPP", 95, 102, "operation not supported"),
        new("EPFNOSUPPORT", 96, 46, "protocol family not supported"),
        new("EAFNOSUPPORT", 97, 47, "address family not supported by protocol"),
        new("EADDRINUSE", 98, 48, "address already in use"),
        new("EADDRNOTAVAIL", 99, 49, "cannot assign requested address"),
        new("ENETDOWN", 100, 50, "network is down"),
        new("ENETUNREACH", 101, 51, "network is unreachable"),
        new("ENETRESET", 102, 52, "network dropped connection on reset"),
        new("ECONNABORTED", 103, 53, "software caused connection abort"),
        new("ECONNRESET", 104, 54, "connection reset by peer"),
        new("ENOBUFS", 105, 55, "no buffer space available"),
        new("EISCONN", 106, 56, "transport endpoint is already connected"),
        new("ENOTCONN", 107, 57, "transport endpoint is not connected"),
        new("ESHUTDOWN", 108, 58, "cannot send after transport endpoint shutdown"),
        new("ETIMEDOUT", 110, 60, "connection timed out"),
        new("ECONNREFUSED", 111, 61, "connection refused"),
        new("EHOSTDOWN", 112, 64, "host is down"),
        new("EHOSTUNREACH", 113, 65, "no route to host"),
        new("EALREADY", 114, 37, "operation already in progress"),
        new("EINPROGRESS", 115, 36, "operation now in progress"),
    ];

    /// <summary>The running OS's number of the errno named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No row has that name.</exception>
    internal static int ValueOf(string name)
    {
        foreach (var row in Rows)
        {
            if (row.Name == name)
            {
                return row.Value;
            }
        }

        throw new ArgumentException($"No errno named {name} in the table.", nameof(name));
    }

    /// <summary>The row of an errno number on the running OS, or <see langword="null"/>.</summary>
    internal static Row? Find(int value)
    {
        foreach (var row in Rows)
        {
            if (row.Value == value)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>Go's text for an errno: the table's, or for a number it does not name, the C library's description
    /// with its first letter lowercased (how Go's tables are made), or <c>errno N</c> as Go prints an unknown one.</summary>
    internal static string GoText(int value)
    {
        if (Find(value) is { } row)
        {
            return row.GoText;
        }

        string text = Marshal.GetPInvokeErrorMessage(value);
        if (string.IsNullOrEmpty(text) || text.StartsWith("Unknown error", StringComparison.Ordinal))
        {
            return "errno " + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Go's mkerrors lowercases the first letter unless the second is upper case too (an acronym).
        bool acronym = text.Length > 1 && char.IsUpper(text[1]);
        return acronym ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);
    }
}
