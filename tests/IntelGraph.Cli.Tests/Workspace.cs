using IntelGraph.Migration.Sample;
using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary>A temporary folder holding stores (see <see cref="TestStores"/>) and exports for one test; deleted on dispose.</summary>
internal sealed class Workspace : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "intelgraph-cli-" + Guid.NewGuid().ToString("N"));

    private readonly Dictionary<string, StoreLocation> _stores = new(StringComparer.Ordinal);

    public Workspace() => Directory.CreateDirectory(Root);

    /// <summary>The test's main store, as <c>--db</c> takes it.</summary>
    public string Database => Store("store.db");

    /// <summary>Creates a named store on first use and returns it as <c>--db</c> takes it: a file path, or a PostgreSQL connection string.</summary>
    public string Store(string name) => StoreLocation(name).Value;

    public StoreLocation StoreLocation(string name)
    {
        lock (_stores)
        {
            if (!_stores.TryGetValue(name, out var location))
            {
                // Workspaces are disposed synchronously by using statements, so the store is created the same way.
                location = TestStores.CreateAsync(Root, name).GetAwaiter().GetResult();
                _stores.Add(name, location);
            }

            return location;
        }
    }

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
        foreach (var location in _stores.Values)
        {
            TestStores.DropAsync(location).GetAwaiter().GetResult();
        }

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
