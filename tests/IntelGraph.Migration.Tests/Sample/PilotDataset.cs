namespace IntelGraph.Migration.Tests.Sample;

/// <summary>Finds the real pilot export in the read-only <c>shared/</c> folder beside the repository root; only its layout is read.</summary>
internal static class PilotDataset
{
    public static string Root => Testing.RepositoryFolders.Shared("datasets", "pilot-ics");
}
