namespace IntelGraph.Stix.Tests;

/// <summary>
/// Paths into the shared datasets folder, which lives in <c>shared/</c> beside the repository: the
/// sibling of the folder that contains IntelGraph.slnx.
/// </summary>
internal static class SharedDatasets
{
    private const string SolutionFileName = "IntelGraph.slnx";

    private static readonly Lazy<string> _sharedFolder = new(LocateSharedFolder);

    public static string IcsBundlePath => PathTo("datasets", "mitre-attack-ics", "ics-attack.json");

    public static string PilotFolder => PathTo("datasets", "pilot-ics");

    public static string PathTo(params string[] parts) => Path.Combine([_sharedFolder.Value, .. parts]);

    private static string LocateSharedFolder()
    {
        var start = AppContext.BaseDirectory;
        var folder = new DirectoryInfo(start);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
        {
            folder = folder.Parent;
        }

        if (folder is null)
        {
            throw new DirectoryNotFoundException($"No folder above '{start}' contains {SolutionFileName}, so the shared datasets cannot be found.");
        }

        var shared = Path.Combine(folder.Parent?.FullName ?? folder.FullName, "shared");
        if (!Directory.Exists(shared))
        {
            throw new DirectoryNotFoundException($"The shared datasets folder '{shared}' does not exist; it belongs beside the repository folder '{folder.FullName}'.");
        }

        return shared;
    }
}
