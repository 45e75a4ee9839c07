namespace IntelGraph.Stix.Tests;

/// <summary>Paths into the shared datasets folder beside the repository.</summary>
internal static class SharedDatasets
{
    public static string IcsBundlePath => PathTo("datasets", "mitre-attack-ics", "ics-attack.json");

    public static string PilotFolder => PathTo("datasets", "pilot-ics");

    public static string PathTo(params string[] parts) => Testing.RepositoryFolders.Shared(parts);
}
