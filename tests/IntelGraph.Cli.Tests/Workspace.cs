using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Tests;

/// <summary>A temporary folder holding a store and exports for one test; deleted on dispose.</summary>
internal sealed class Workspace : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "intelgraph-cli-" + Guid.NewGuid().ToString("N"));

    public Workspace() => Directory.CreateDirectory(Root);

    public string Database => Path.Combine(Root, "store.db");

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Generates a sample export under <paramref name="name"/> and returns its root.</summary>
    public string Sample(string name, PilotExportOptions options)
    {
        var root = PathOf(name);
        new PilotExportGenerator(options).Generate(root);
        return root;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and failing here would hide the test's own result.
        }
    }
}
