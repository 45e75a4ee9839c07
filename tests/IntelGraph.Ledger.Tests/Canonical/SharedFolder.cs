namespace IntelGraph.Ledger.Tests.Canonical;

/// <summary>
/// The shared data folder that sits beside the repository root: the parent of the folder that
/// contains IntelGraph.slnx, plus "shared".
/// </summary>
internal static class SharedFolder
{
    private const string SolutionFileName = "IntelGraph.slnx";

    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>Combines the shared folder with the given parts.</summary>
    /// <exception cref="DirectoryNotFoundException">The repository root or the shared folder is missing.</exception>
    public static string PathTo(params string[] parts) => Path.Combine([_root.Value, .. parts]);

    private static string FindRoot()
    {
        string start = AppContext.BaseDirectory;
        DirectoryInfo? directory = new(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new DirectoryNotFoundException(
                $"No folder containing {SolutionFileName} was found above {start}, so the shared test data cannot be located.");
        }

        string repositoryParent = directory.Parent?.FullName ?? directory.FullName;
        string shared = Path.Combine(repositoryParent, "shared");
        if (!Directory.Exists(shared))
        {
            throw new DirectoryNotFoundException(
                $"The shared test data folder {shared} does not exist. It is expected next to the repository root {directory.FullName}.");
        }

        return shared;
    }
}
