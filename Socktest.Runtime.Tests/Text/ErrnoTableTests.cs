using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.Text;

/// <summary>The one errno table and the members of <see cref="Errno"/> that read it, tied together both ways, and
/// tied to the C library this process runs on.</summary>
public class ErrnoTableTests
{
    private static readonly PropertyInfo[] Members = typeof(Errno)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(Errno) && p.Name.StartsWith('E'))
        .ToArray();

    [Fact]
    public void EveryRowHasAMemberAndEveryMemberARow()
    {
        Assert.Equal(
            ErrnoTable.Rows.Select(row => row.Name).OrderBy(n => n, StringComparer.Ordinal),
            Members.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var member in Members)
        {
            var errno = (Errno)member.GetValue(null)!;
            Assert.Equal(ErrnoTable.ValueOf(member.Name), errno.Value);
            Assert.Equal(member.Name, errno.ToString());
        }
    }

    [Fact]
    public void NumbersAndNamesAreUnique()
    {
        Assert.Equal(ErrnoTable.Rows.Length, ErrnoTable.Rows.Select(r => r.Name).Distinct().Count());
        Assert.Equal(ErrnoTable.Rows.Length, ErrnoTable.Rows.Select(r => r.Linux).Distinct().Count());
        Assert.Equal(ErrnoTable.Rows.Length, ErrnoTable.Rows.Select(r => r.MacOS).Distinct().Count());
    }

    /// <summary>Go's texts are glibc's strerror with the first letter lowercased, so on glibc each row's number and
    /// text must match what the C library says for that number: a wrong Linux number shows up here.</summary>
    [Fact]
    public void EachLinuxNumberIsTheOneTheCLibraryDescribesWithGosText()
    {
        foreach (var row in ErrnoTable.Rows)
        {
            string strerror = Marshal.GetPInvokeErrorMessage(row.Linux);
            Assert.Equal(row.GoText, char.ToLowerInvariant(strerror[0]) + strerror[1..]);
        }
    }

    [Fact]
    public void MessageOfANumberTheTableDoesNotNameFollowsGosRules()
    {
        Assert.Equal("connection refused", Errno.ECONNREFUSED.Message);
        Assert.Equal("software caused connection abort", Errno.ECONNABORTED.Message);

        // ENOTTY (25) is not in the table: glibc's text, first letter lowercased, as Go's table has it.
        Assert.Equal("inappropriate ioctl for device", new Errno(25).Message);
        Assert.Equal("errno 25", new Errno(25).ToString());

        // Beyond every errno: Go prints "errno N".
        Assert.Equal("errno 4000", new Errno(4000).Message);
    }
}
