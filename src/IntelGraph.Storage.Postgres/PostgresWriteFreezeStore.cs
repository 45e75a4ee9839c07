using System.Globalization;
using System.Text.Json;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Postgres;

/// <summary>
/// The deployment's write freeze. API writes hold the freeze lock shared for their whole transaction
/// (see <see cref="PostgresStores.BeginWriteTransactionAsync"/>); starting a freeze takes it exclusively,
/// so the freeze waits for writes in flight to commit, and every later write reads it.
/// </summary>
internal sealed class PostgresWriteFreezeStore(PostgresDatabase database, TimeProvider timeProvider) : IWriteFreezeStore
{
    // An arbitrary constant that names the freeze lock among the database's advisory locks.
    internal const long FreezeLockKey = 0x496E_7447_4672_7A65;

    public async Task<WriteFreeze?> FindAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT banner, frozen_at, exempt_clients FROM write_freeze WHERE scope = 'deployment';");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ReadFreeze(reader);
    }

    public async Task<WriteFreeze> FreezeAsync(string banner, IReadOnlyList<string> exemptClients, CancellationToken cancellationToken)
    {
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);
        await LockExclusiveAsync(cancellationToken);

        // A freeze in force keeps its frozen_at, so re-freezing changes what users see without restarting the window.
        await using (var command = database.Command(
            "INSERT INTO write_freeze (scope, banner, frozen_at, exempt_clients) VALUES ('deployment', @banner, @at, @exempt) " +
            "ON CONFLICT (scope) DO UPDATE SET banner = excluded.banner, exempt_clients = excluded.exempt_clients;")
            .WithText("banner", banner)
            .WithText("exempt", JsonSerializer.Serialize(exemptClients))
            .WithText("at", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var freeze = (await FindAsync(cancellationToken))!;
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return freeze;
    }

    public async Task<WriteFreeze?> UnfreezeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("DELETE FROM write_freeze WHERE scope = 'deployment' RETURNING banner, frozen_at, exempt_clients;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ReadFreeze(reader);
    }

    private static WriteFreeze ReadFreeze(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetString(0),
        DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? []);

    private async Task LockExclusiveAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT pg_advisory_xact_lock(@key);").With("key", FreezeLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
