using System.IO;

namespace DocRecipes.Support;

/// <summary>The repository this test runs in: the folder that holds Socktest.sln, found by walking up from the test's
/// output folder.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's root folder.</summary>
    public static string Root => s_root.Value;

    /// <summary>The repository-relative path of <paramref name="path"/>, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Socktest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Socktest.sln above {AppContext.BaseDirectory}: the doc check runs from a build inside the repository.");
    }
}
