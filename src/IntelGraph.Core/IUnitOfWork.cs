namespace IntelGraph.Core;

/// <summary>
/// Groups store writes so that they land together or not at all. Stores join the open
/// transaction on their own; callers only decide where a unit of work begins and ends.
/// </summary>
public interface IUnitOfWork
{
    Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>An open transaction. Disposing it without <see cref="CommitAsync"/> rolls it back.</summary>
public interface IStoreTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
