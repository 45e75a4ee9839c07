using IntelGraph.Core;

namespace IntelGraph.Stix;

/// <summary>
/// A sequence of store transactions that each commit after about <c>batchSize</c> written records,
/// so a large bundle neither keeps one huge transaction open nor pays one commit per record.
/// </summary>
/// <remarks>Disposing without <see cref="CommitAsync"/> rolls back the writes since the last commit.</remarks>
internal sealed class BatchedTransaction(IUnitOfWork unitOfWork, int batchSize) : IAsyncDisposable
{
    private IStoreTransaction? _transaction;
    private int _uncommittedRecords;

    /// <summary>Begins a transaction unless one is open, so that an object's reads and writes share one.</summary>
    public async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        _transaction ??= await unitOfWork.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts records written in the open transaction and commits it once the batch is full.</summary>
    public async Task AddWrittenAsync(int records, CancellationToken cancellationToken)
    {
        _uncommittedRecords += records;
        if (_uncommittedRecords >= batchSize)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the open transaction, if any.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
        _uncommittedRecords = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = null;
        }
    }
}
