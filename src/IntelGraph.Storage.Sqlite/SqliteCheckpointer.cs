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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync();
        _stop.Dispose();
        _committed.Dispose();
    }

    private async Task RunAsync()
    {
        await using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (!_stop.IsCancellationRequested)
        {
            await _committed.WaitAsync(_stop.Token);
            try
            {
                await checkpoint.ExecuteNonQueryAsync(_stop.Token);
            }
            catch (SqliteException)
            {
                // Left to the next commit's checkpoint, as the remarks explain.
            }
        }
    }
}
