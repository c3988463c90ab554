using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Socktest.Tests.Support;

/// <summary>
/// Where the test project and the repository live on disk, as recorded by the build (see the AssemblyMetadata items in
/// Socktest.Generator.Tests.csproj). <c>[CallerFilePath]</c> cannot be used for this: CI builds set
/// ContinuousIntegrationBuild, which maps source paths to <c>/_/</c>.
/// </summary>
public static class SourceTree
{
    /// <summary>The folder holding Socktest.Generator.Tests.csproj.</summary>
    public static string TestProjectDirectory { get; } = Existing("Socktest.TestProjectDirectory", "Socktest.Generator.Tests.csproj");

    /// <summary>The folder holding Socktest.sln.</summary>
    public static string RepositoryRoot { get; } = Existing("Socktest.RepositoryRoot", "Socktest.sln");

    private static string Existing(string key, string expectedFile)
    {
        string? directory = typeof(SourceTree).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value;
        if (directory is null)
        {
            throw new InvalidOperationException($"The test assembly carries no '{key}' metadata; see Socktest.Generator.Tests.csproj.");
        }

        if (!File.Exists(Path.Combine(directory, expectedFile)))
        {
            throw new InvalidOperationException($"'{key}' is {directory}, which holds no {expectedFile}; was the repository moved after the build?");
        }

        return directory;
    }
}
