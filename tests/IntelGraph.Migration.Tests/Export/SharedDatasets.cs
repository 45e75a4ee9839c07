namespace IntelGraph.Migration.Tests.Export;

/// <summary>Finds the read-only <c>shared/</c> folder that sits beside the repository root.</summary>
internal static class SharedDatasets
{
    public static string PilotExportRoot => Testing.RepositoryFolders.Shared("datasets", "pilot-ics");
}
