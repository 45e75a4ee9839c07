using IntelGraph.Core;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>
/// One connection to a PostgreSQL database and the transaction currently open on it. The stores of
/// one session share an instance, so a transaction begun through <see cref="IUnitOfWork"/> covers all of them.
/// </summary>
/// <remarks>Not thread-safe: one instance serves one caller at a time, as a connection does.</remarks>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private PostgresDatabase(StoreLocation location, NpgsqlConnection connection)
    {
        Location = location;
        _connection = connection;
    }

    public StoreLocation Location { get; }

    internal NpgsqlConnection Connection => _connection;

    internal bool HasTransaction => _transaction is not null;

    /// <summary>Opens a connection from <paramref name="dataSource"/>. The schema must already be current (see <see cref="PostgresSchema"/>).</summary>
    internal static async Task<PostgresDatabase> OpenAsync(StoreLocation location, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return new PostgresDatabase(location, connection);
        }
        catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex))
        {
            throw PostgresErrors.Unreachable(location, ex);
        }
    }

    internal async Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this connection; nested transactions are not supported.");
        }

        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        return new Transaction(this, _transaction);
    }

    /// <summary>Creates a command bound to the open transaction, if any.</summary>
    internal NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    internal async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="action"/> so that a failed statement does not abort the caller's transaction: inside
    /// one, it runs under a savepoint that is rolled back on failure. PostgreSQL otherwise rejects every later
    /// statement of a transaction in which one statement failed.
    /// </summary>
    internal async Task<T> GuardAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return await action();
        }

        await _transaction.SaveAsync("intelgraph_guard", cancellationToken);
        try
        {
            var result = await action();
            await _transaction.ReleaseAsync("intelgraph_guard", cancellationToken);
            return result;
        }
        catch (PostgresException)
        {
            await _transaction.RollbackAsync("intelgraph_guard", cancellationToken);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        await _connection.DisposeAsync();
    }

    private sealed class Transaction(PostgresDatabase database, NpgsqlTransaction transaction) : IStoreTransaction
    {
        private bool _completed;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex))
            {
                throw PostgresErrors.Unreachable(database.Location, ex);
            }

            _completed = true;
            database._transaction = null;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_completed)
                {
                    _completed = true;
                    await transaction.RollbackAsync();
                }

                await transaction.DisposeAsync();
            }
            catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex) || ex is InvalidOperationException)
            {
                // A lost connection has already rolled the transaction back on the server.
            }
            finally
            {
                database._transaction = null;
            }
        }
    }
}
