using System.Globalization;
using System.Text.Json;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteWriteFreezeStore(SqliteDatabase database, TimeProvider timeProvider) : IWriteFreezeStore
{
    public async Task<WriteFreeze?> FindAsync(CancellationToken cancellationToken)
    {
        // Every request reads the freeze, so the statement is prepared once per connection.
        var command = database.Prepared("SELECT banner, frozen_at, exempt_clients FROM write_freeze WHERE scope = 'deployment';");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new WriteFreeze(
            reader.GetString(0),
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? []);
    }

    public async Task<WriteFreeze> FreezeAsync(string banner, IReadOnlyList<string> exemptClients, CancellationToken cancellationToken)
    {
        // A freeze in force keeps its frozen_at, so re-freezing changes what users see without restarting the window.
        await using (var command = database.Command(
            "INSERT INTO write_freeze (scope, banner, frozen_at, exempt_clients) VALUES ('deployment', $banner, $at, $exempt) " +
            "ON CONFLICT (scope) DO UPDATE SET banner = excluded.banner, exempt_clients = excluded.exempt_clients;"))
        {
            command.Parameters.AddWithValue("$banner", banner);
            command.Parameters.AddWithValue("$exempt", JsonSerializer.Serialize(exemptClients));
            command.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (await FindAsync(cancellationToken))!;
    }

    public async Task<WriteFreeze?> UnfreezeAsync(CancellationToken cancellationToken)
    {
        var current = await FindAsync(cancellationToken);
        await using var command = database.Command("DELETE FROM write_freeze WHERE scope = 'deployment';");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return current;
    }
}
