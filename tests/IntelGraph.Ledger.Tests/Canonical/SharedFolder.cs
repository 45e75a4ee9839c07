namespace IntelGraph.Ledger.Tests.Canonical;

/// <summary>Paths into the shared data folder beside the repository root.</summary>
internal static class SharedFolder
{
    /// <summary>Combines the shared folder with the given parts.</summary>
    /// <exception cref="DirectoryNotFoundException">The repository root or the shared folder is missing.</exception>
    public static string PathTo(params string[] parts) => Testing.RepositoryFolders.Shared(parts);
}
