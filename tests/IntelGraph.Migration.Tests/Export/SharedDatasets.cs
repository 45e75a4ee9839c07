namespace IntelGraph.Migration.Tests.Export;

/// <summary>Finds the read-only <c>shared/</c> folder that sits beside the repository root.</summary>
internal static class SharedDatasets
{
    public static string PilotExportRoot => Path.Combine(SharedFolder, "datasets", "pilot-ics");

    private static string SharedFolder
    {
        get
        {
            var repositoryRoot = FindRepositoryRoot();
            var shared = Path.Combine(Path.GetDirectoryName(repositoryRoot)!, "shared");
            Assert.True(Directory.Exists(shared), $"The shared data folder {shared} was not found beside the repository root {repositoryRoot}.");
            return shared;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntelGraph.slnx")))
            {
                return folder.FullName;
            }
        }

        Assert.Fail($"No folder above {AppContext.BaseDirectory} contains IntelGraph.slnx, so the shared data folder cannot be located.");
        return "";
    }
}
