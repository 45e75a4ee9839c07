namespace IntelGraph.Migration.Tests.Sample;

/// <summary>Finds the real pilot export in the read-only <c>shared/</c> folder beside the repository root; only its layout is read.</summary>
internal static class PilotDataset
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "IntelGraph.slnx")))
                {
                    string pilot = Path.Combine(Path.GetDirectoryName(folder.FullName)!, "shared", "datasets", "pilot-ics");
                    Assert.True(Directory.Exists(pilot), $"The pilot export {pilot} was not found beside the repository root {folder.FullName}.");
                    return pilot;
                }
            }

            Assert.Fail($"No folder above {AppContext.BaseDirectory} contains IntelGraph.slnx, so the pilot export cannot be located.");
            return "";
        }
    }
}
