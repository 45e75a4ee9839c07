using IntelGraph.Storage;
using IntelGraph.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Stix.Tests;

/// <summary>A fresh store (see <see cref="TestStores"/>) and its own temporary folder, which disposing deletes with everything written into them.</summary>
internal sealed class TemporaryDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TemporaryDatabase(string folder, StoreSession stores)
    {
        _folder = folder;
        Stores = stores;
    }

    public StoreSession Stores { get; }

    public static async Task<TemporaryDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-stix-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        var location = await TestStores.CreateAsync(folder);
        var stores = await StoreOpener.OpenSessionAsync(location, TimeProvider.System, cancellationToken);
        return new TemporaryDatabase(folder, stores);
    }

    public StixBundleImporter CreateImporter(int batchSize = StixBundleImporter.DefaultBatchSize, int readBufferSize = 64 * 1024) =>
        new(Stores.Graph, Stores.Ledger, Stores, NullLogger<StixBundleImporter>.Instance)
        {
            BatchSize = batchSize,
            ReadBufferSize = readBufferSize,
        };

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark into the temporary folder and returns the file's path.</summary>
    public string WriteFile(string fileName, string text)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteFile(string fileName, byte[] bytes)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Stores.DisposeAsync();
        await TestStores.DropAsync(Stores.Location);
        Directory.Delete(_folder, recursive: true);
    }
}
