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
    private const string MetadataKey = "Socktest.TestProjectDirectory";

    /// <summary>The folder holding Socktest.Generator.Tests.csproj.</summary>
    public static string TestProjectDirectory { get; } = Holding(RecordedDirectory(), "Socktest.Generator.Tests.csproj");

    /// <summary>The folder holding Socktest.sln: the test project's parent.</summary>
    public static string RepositoryRoot { get; } = Holding(Path.GetDirectoryName(TestProjectDirectory)!, "Socktest.sln");

    private static string RecordedDirectory()
        => typeof(SourceTree).Assembly
               .GetCustomAttributes<AssemblyMetadataAttribute>()
               .SingleOrDefault(attribute => attribute.Key == MetadataKey)?.Value
           ?? throw new InvalidOperationException($"The test assembly carries no '{MetadataKey}' metadata; see Socktest.Generator.Tests.csproj.");

    private static string Holding(string directory, string expectedFile)
        => File.Exists(Path.Combine(directory, expectedFile))
            ? directory
            : throw new InvalidOperationException($"{directory} holds no {expectedFile}; was the repository moved after the build?");
}
