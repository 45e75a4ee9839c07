using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>Builds Npgsql's connection pool for a store location.</summary>
internal static class PostgresDataSources
{
    public static NpgsqlDataSource Create(StoreLocation location)
    {
        var builder = new NpgsqlDataSourceBuilder(location.Value);
        builder.ConnectionStringBuilder.ApplicationName ??= "intelgraph";

        // The stores send the same few statements over and over, so Npgsql is allowed to prepare those that repeat.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        return builder.Build();
    }
}
