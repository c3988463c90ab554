namespace Socktest.Interop;

/// <summary>Errno numbers and names of the supported operating systems, chosen at run time.</summary>
internal static class ErrnoTable
{
    // (name, Linux value, macOS value); EOPNOTSUPP is 102 on macOS (45 is ENOTSUP there).
    private static readonly (string Name, int Linux, int MacOS)[] Rows =
    [
        ("EPERM", 1, 1),
        ("ENOENT", 2, 2),
        ("EINTR", 4, 4),
        ("EIO", 5, 5),
        ("EBADF", 9, 9),
        ("EAGAIN", 11, 35),
        ("ENOMEM", 12, 12),
        ("EACCES", 13, 13),
        ("EFAULT", 14, 14),
        ("EINVAL", 22, 22),
        ("ENFILE", 23, 23),
        ("EMFILE", 24, 24),
        ("ENOSPC", 28, 28),
        ("EPIPE", 32, 32),
        ("ENOSYS", 38, 78),
        ("ENOTSOCK", 88, 38),
        ("EDESTADDRREQ", 89, 39),
        ("EMSGSIZE", 90, 40),
        ("EPROTOTYPE", 91, 41),
        ("ENOPROTOOPT", 92, 42),
        ("EPROTONOSUPPORT", 93, 43),
        ("ESOCKTNOSUPPORT", 94, 44),
        ("EOPNOTSUPP", 95, 102),
        ("EPFNOSUPPORT", 96, 46),
        ("EAFNOSUPPORT", 97, 47),
        ("EADDRINUSE", 98, 48),
        ("EADDRNOTAVAIL", 99, 49),
        ("ENETDOWN", 100, 50),
        ("ENETUNREACH", 101, 51),
        ("ENETRESET", 102, 52),
        ("ECONNABORTED", 103, 53),
        ("ECONNRESET", 104, 54),
        ("ENOBUFS", 105, 55),
        ("EISCONN", 106, 56),
        ("ENOTCONN", 107, 57),
        ("ESHUTDOWN", 108, 58),
        ("ETIMEDOUT", 110, 60),
        ("ECONNREFUSED", 111, 61),
        ("EHOSTDOWN", 112, 64),
        ("EHOSTUNREACH", 113, 65),
        ("EALREADY", 114, 37),
        ("EINPROGRESS", 115, 36),
    ];

    /// <summary>The symbolic name of an errno number on the running OS, or <see langword="null"/>.</summary>
    internal static string? NameOf(int value)
    {
        foreach (var row in Rows)
        {
            if (Platform.Pick(row.Linux, row.MacOS) == value)
            {
                return row.Name;
            }
        }

        return null;
    }
}
