namespace IntelGraph.Storage.Sqlite;

/// <summary>The schema version a database has and the one this build expects, for readiness checks.</summary>
public static class SqliteSchemaStatus
{
    /// <summary>The highest schema migration this build contains.</summary>
    public static int LatestVersion => SqliteSchema.LatestVersion;

    /// <summary>Reads the highest schema migration applied to the database, 0 for a database without any.</summary>
    public static Task<int> ReadVersionAsync(SqliteDatabase database, CancellationToken cancellationToken) =>
        SqliteSchema.ReadVersionAsync(database, cancellationToken);
}
