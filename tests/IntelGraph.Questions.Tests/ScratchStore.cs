using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Questions.Tests;

/// <summary>A new, empty store (see <see cref="TestStores"/>) in its own temporary folder, deleted on dispose.</summary>
internal sealed class ScratchStore : IAsyncDisposable
{
    private readonly string _folder;

    private ScratchStore(string folder, StoreSession stores)
    {
        _folder = folder;
        Stores = stores;
    }

    public StoreSession Stores { get; }

    public static async Task<ScratchStore> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-questions-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        var location = await TestStores.CreateAsync(folder);
        return new ScratchStore(folder, await StoreOpener.OpenSessionAsync(location, TimeProvider.System, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await Stores.DisposeAsync();
        await TestStores.DropAsync(Stores.Location);
        Directory.Delete(_folder, recursive: true);
    }
}
