using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// One open SQLite database file: the connection, the transaction currently open on it and a cache
/// of prepared commands. The stores of this assembly share one instance, so a transaction begun
/// through <see cref="IUnitOfWork"/> covers the writes of all of them.
/// </summary>
/// <remarks>Not thread-safe: one instance serves one logical caller at a time, as SQLite connections do.</remarks>
public sealed class SqliteDatabase : IUnitOfWork, IAsyncDisposable, IDisposable
{
    // The claim and leaf indexes are keyed by random ids, so an import of a million claims changes pages all over
    // about 200 MiB of index. Measured on a 2-core machine, a 256 MiB cache took the claim path from 24,000 to
    // 33,000 claims a second and system time from 24 s to 7 s. Peak memory rose from 265 to 490 MiB and stays there
    // however large the export grows. 512 MiB was no faster.
    private const int BulkImportCacheKiB = 256 * 1024;

    // Past this many frames (256 MiB of 8 KiB pages), a bulk import's commit waits for its checkpoint, so that the next
    // transaction starts the log over. Without the wait, a 300,000-claim import left a 1 GiB log beside a 630 MiB
    // database; with it, the log peaked at 436 MiB.
    private const long DefaultLogFrameLimit = 32 * 1024;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _preparedCommands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRowStatement> _rowStatements = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private FileStream? _lockFile;
    private SqliteCheckpointer? _checkpointer;

    private SqliteDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    internal SqliteConnection Connection => _connection;

    internal bool HasTransaction => _transaction is not null;

    /// <summary>The log size in frames past which a bulk import's commit waits for its checkpoint; tests lower it.</summary>
    internal long BulkImportLogFrameLimit { get; set; } = DefaultLogFrameLimit;

    /// <summary>
    /// Opens (creating when absent) the database file and applies every schema migration it lacks.
    /// </summary>
    public static async Task<SqliteDatabase> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };

        // Held while the database is open, so that a restore in another process cannot replace the file under it.
        var lockFile = SqliteLockFiles.AcquireShared(fullPath);
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            await lockFile.DisposeAsync();
            throw new StoreException($"Cannot open the database '{fullPath}': {ex.Message}", ex);
        }

        var database = new SqliteDatabase(fullPath, connection) { _lockFile = lockFile };
        try
        {
            // The page size only takes effect while the file is still empty, so it must come before WAL mode
            // writes the header. On a 2-core machine, inserting 300,000 claims of 950 bytes in transactions
            // of 50,000 took about 30% less time with 8 KiB pages than with 4 KiB pages. 16 KiB pages made
            // sealing slower.
            await database.ExecuteAsync("PRAGMA page_size=8192;", cancellationToken);

            // WAL keeps readers working during an import, and with synchronous=NORMAL a committed
            // transaction survives the process being killed (only an OS crash may lose the last ones).
            await database.ExecuteAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await database.ExecuteAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
            await database.ExecuteAsync("PRAGMA foreign_keys=ON;", cancellationToken);
            await database.ExecuteAsync("PRAGMA busy_timeout=30000;", cancellationToken);

            // A 64 MiB page cache keeps the hot index pages in memory, and the cap keeps the process size flat however
            // large the database grows. A bulk import widens it for its own connection. Statement journals stay in memory too,
            // because a multi-row insert otherwise first copies every page it changes to a temporary file.
            // They only undo a failed statement and play no part in recovering from a crash.
            await database.ExecuteAsync("PRAGMA cache_size=-65536;", cancellationToken);
            await database.ExecuteAsync("PRAGMA temp_store=MEMORY;", cancellationToken);

            await SqliteSchema.UpgradeAsync(database, cancellationToken);
            return database;
        }
        catch (SqliteException ex)
        {
            await database.DisposeAsync();
            throw new StoreException($"Cannot prepare the database '{fullPath}': {ex.Message}", ex);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this database; nested transactions are not supported.");
        }

        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        return new Transaction(this, _transaction);
    }

    /// <summary>
    /// Returns a prepared command for <paramref name="sql"/>, bound to the open transaction. Commands
    /// are cached by their text, so hot paths pay for parsing once; callers set every parameter each time.
    /// </summary>
    internal SqliteCommand Prepared(string sql)
    {
        if (!_preparedCommands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _preparedCommands.Add(sql, command);
        }

        command.Transaction = _transaction;
        return command;
    }

    /// <summary>
    /// Readies this connection for a bulk import: a larger page cache, and checkpoints that run beside the writer
    /// instead of inside its commits. Calling it again changes nothing.
    /// </summary>
    /// <remarks>
    /// Measured on a 2-core machine with a million claims, moving checkpoints off the writer took the claim path from
    /// 33,000 to 39,000 claims a second, and to 37,000 once commits waited for a log past its limit.
    /// </remarks>
    internal async Task StartBulkImportAsync(CancellationToken cancellationToken)
    {
        if (_checkpointer is not null)
        {
            return;
        }

        await ExecuteAsync($"PRAGMA cache_size=-{BulkImportCacheKiB};", cancellationToken);
        _checkpointer = await SqliteCheckpointer.StartAsync(Path, cancellationToken);
        await ExecuteAsync("PRAGMA wal_autocheckpoint=0;", cancellationToken);
    }

    /// <summary>Returns the row statement for <paramref name="sql"/>, prepared on first use and kept until the database closes.</summary>
    internal SqliteRowStatement RowStatement(string sql)
    {
        if (!_rowStatements.TryGetValue(sql, out var statement))
        {
            statement = SqliteRowStatement.Prepare(_connection, sql);
            _rowStatements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Creates a one-off command bound to the open transaction.</summary>
    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    internal async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Copies the whole database into <paramref name="destinationPath"/> with SQLite's online backup,
    /// which gives a consistent snapshot even while this connection is in use.
    /// </summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("Cannot back up while a transaction is open on this connection.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false };
        await using var destination = new SqliteConnection(builder.ToString());
        await destination.OpenAsync(cancellationToken);
        _connection.BackupDatabase(destination);

        // A backup taken from a WAL database is itself in WAL mode; fold it into one self-contained file.
        await using var checkpoint = destination.CreateCommand();
        checkpoint.CommandText = "PRAGMA journal_mode=DELETE;";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        // The checkpointer stops before this connection closes, so no checkpoint runs while the lock file is released.
        _checkpointer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _checkpointer = null;

        foreach (var command in _preparedCommands.Values)
        {
            command.Dispose();
        }

        _preparedCommands.Clear();
        foreach (var statement in _rowStatements.Values)
        {
            statement.Dispose();
        }

        _rowStatements.Clear();
        _transaction?.Dispose();
        _transaction = null;
        _connection.Dispose();
        _lockFile?.Dispose();
        _lockFile = null;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Transaction(SqliteDatabase database, SqliteTransaction transaction) : IStoreTransaction
    {
        private bool _completed;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            _completed = true;
            database._transaction = null;
            if (database._checkpointer is { } checkpointer)
            {
                checkpointer.Committed();
                // NOTE: the size is the one the last checkpoint saw, so the log can pass the limit by about two transactions.
                if (checkpointer.LogFrames > database.BulkImportLogFrameLimit)
                {
                    // Not cancellable: the commit has already succeeded, and the wait lasts a checkpoint or two.
                    await checkpointer.WaitForCheckpointAsync();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                await transaction.RollbackAsync();
                _completed = true;
            }

            await transaction.DisposeAsync();
            database._transaction = null;
        }
    }
}
