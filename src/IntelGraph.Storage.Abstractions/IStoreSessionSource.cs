namespace IntelGraph.Storage;

/// <summary>
/// An opened store that hands out sessions to concurrent callers, such as the requests of the API
/// server. Each caller takes a session for as long as it works and gives it back at the end.
/// </summary>
public interface IStoreSessionSource : IAsyncDisposable
{
    StoreLocation Location { get; }

    ValueTask<StoreSession> OpenSessionAsync(CancellationToken cancellationToken);

    /// <summary>Takes a session back. The caller must have ended any transaction it began on it.</summary>
    ValueTask ReleaseAsync(StoreSession session);
}
