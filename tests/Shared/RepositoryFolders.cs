namespace IntelGraph.Testing;

/// <summary>
/// The repository root (the folder that contains IntelGraph.slnx, found upwards from the test binaries) and
/// the read-only <c>shared/</c> folder of datasets and conformance suites beside it. Every test project
/// compiles this one file, so they all look in the same place.
/// </summary>
internal static class RepositoryFolders
{
    private const string SolutionFileName = "IntelGraph.slnx";

    private static readonly Lazy<string> _root = new(FindRoot);

    /// <exception cref="DirectoryNotFoundException">No folder above the test binaries contains IntelGraph.slnx.</exception>
    public static string Root => _root.Value;

    /// <summary>Combines the shared folder beside the repository with <paramref name="parts"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The shared folder is missing; the message names where it was looked for.</exception>
    public static string Shared(params string[] parts)
    {
        var shared = Path.Combine(Path.GetDirectoryName(Root) ?? Root, "shared");
        if (!Directory.Exists(shared))
        {
            throw new DirectoryNotFoundException(
                $"The shared data folder {shared} does not exist. It belongs beside the repository root {Root}, with the datasets and conformance suites the tests read.");
        }

        return Path.Combine([shared, .. parts]);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains {SolutionFileName}, so the repository root cannot be located.");
    }
}
