using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Copies committed pages from the write-ahead log into the database file on a connection and thread of its own,
/// so that the writer goes on with its next transaction meanwhile. SQLite otherwise checkpoints on the writer's
/// thread, inside the commit.
/// </summary>
/// <remarks>
/// A passive checkpoint waits for no reader or writer (https://sqlite.org/c3ref/wal_checkpoint_v2.html). A process
/// killed during one loses nothing, because the log keeps every committed page until a later writer starts it over.
/// A checkpoint that fails only lets the log grow, so the next commit's checkpoint retries it, and closing the
/// database checkpoints in any case.
/// </remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _requested;
    private long _covered;
    private long _logFrames;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Opens a second connection to the database at <paramref name="path"/> and starts waiting for commits.</summary>
    public static async Task<SqliteCheckpointer> StartAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new SqliteCheckpointer(connection);
    }

    /// <summary>Asks for a checkpoint after a commit. Commits that arrive while one runs are covered by one more.</summary>
    public void Committed()
    {
        Interlocked.Increment(ref _requested);
        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit asked first, and the checkpoint it asked for covers this one too.
            }
        }
    }

    /// <summary>Frames in the write-ahead log when the last checkpoint ran.</summary>
    public long LogFrames => Volatile.Read(ref _logFrames);

    /// <summary>Waits until a checkpoint that started after the last commit has finished, or the checkpointer has stopped.</summary>
    /// <remarks>
    /// SQLite starts the log over only when a write transaction begins on a log that is wholly copied. The importer
    /// begins its next transaction at once, while the last commit is still being copied, so a writer that never waits
    /// here grows the log for the whole import.
    /// </remarks>
    public async Task WaitForCheckpointAsync()
    {
        var target = Volatile.Read(ref _requested);
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (Volatile.Read(ref _covered) >= target || _loop.IsCompleted)
            {
                return;
            }

            await Task.WhenAny(progress.Task, _loop).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Without a context to return to, the database's synchronous Dispose can block on this safely.
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _committed.Dispose();
    }

    private async Task RunAsync()
    {
        var checkpoint = _connection.CreateCommand();
        await using var disposeCheckpoint = checkpoint.ConfigureAwait(false);
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (!_stop.IsCancellationRequested)
        {
            await _committed.WaitAsync(_stop.Token).ConfigureAwait(false);
            var covering = Volatile.Read(ref _requested);
            try
            {
                var reader = await checkpoint.ExecuteReaderAsync(_stop.Token).ConfigureAwait(false);
                await using var disposeReader = reader.ConfigureAwait(false);
                if (await reader.ReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    // The result row is (busy, frames in the log, frames copied).
                    Volatile.Write(ref _logFrames, reader.GetInt64(1));
                }
            }
            catch (SqliteException)
            {
                // Left to the next commit's checkpoint, as the remarks explain.
                // NOTE: the failure is not logged, because the SQLite store has no logger to write it to.
            }

            Volatile.Write(ref _covered, covering);
            Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        }
    }
}
