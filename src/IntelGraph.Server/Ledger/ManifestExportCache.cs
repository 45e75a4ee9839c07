using Microsoft.Extensions.Caching.Memory;

namespace IntelGraph.Server.Ledger;

/// <summary>
/// Export documents of sealed manifests, kept in memory. A manifest never changes once sealed (the store
/// rejects updates), so a cached document cannot go stale, and building a 1000-claim document with every
/// inclusion proof takes milliseconds and about a megabyte each time.
/// </summary>
internal sealed class ManifestExportCache : IDisposable
{
    // 64 MiB is room for about sixty 1000-claim documents (about 1 MB each); the least recently used ones are dropped first.
    private const long SizeLimitBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    public bool TryGet(string tenant, string manifestId, out byte[] document)
    {
        if (_documents.TryGetValue((tenant, manifestId), out byte[]? cached) && cached is not null)
        {
            document = cached;
            return true;
        }

        document = [];
        return false;
    }

    public void Add(string tenant, string manifestId, byte[] document) =>
        _documents.Set((tenant, manifestId), document, new MemoryCacheEntryOptions { Size = document.Length });

    public void Dispose() => _documents.Dispose();
}
