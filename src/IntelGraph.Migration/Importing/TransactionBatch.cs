using IntelGraph.Core;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Commits the importer's writes every <c>size</c> records. A killed run loses at most the open
/// batch, and because every write is keyed by the record's id and source location, running the
/// import again redoes exactly what was lost.
/// </summary>
internal sealed class TransactionBatch(IUnitOfWork unitOfWork, int size) : IAsyncDisposable
{
    private IStoreTransaction? _transaction;
    private int _pending;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        _transaction ??= await unitOfWork.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>Counts one record written and commits once the batch is full.</summary>
    public Task CountAsync(CancellationToken cancellationToken) => CountAsync(1, cancellationToken);

    /// <summary>Counts <paramref name="records"/> records written and commits once the batch is full.</summary>
    public async Task CountAsync(int records, CancellationToken cancellationToken)
    {
        _pending += records;
        if (_pending >= size)
        {
            await CommitAsync(cancellationToken);
            await BeginAsync(cancellationToken);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        _pending = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
