using System.Globalization;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteWriteFreezeStore(SqliteDatabase database, TimeProvider timeProvider) : IWriteFreezeStore
{
    public async Task<WriteFreeze?> FindAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT banner, frozen_at FROM write_freeze WHERE scope = 'deployment';");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new WriteFreeze(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    public async Task<WriteFreeze> FreezeAsync(string banner, CancellationToken cancellationToken)
    {
        await using (var command = database.Command(
            "INSERT INTO write_freeze (scope, banner, frozen_at) VALUES ('deployment', $banner, $at) ON CONFLICT (scope) DO UPDATE SET banner = excluded.banner;"))
        {
            command.Parameters.AddWithValue("$banner", banner);
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
