using System.Net.Sockets;
using IntelGraph.Core;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>Turns PostgreSQL and Npgsql failures into the errors IntelGraph reports.</summary>
internal static class PostgresErrors
{
    /// <summary>True for a unique, foreign key or check constraint violation.</summary>
    public static bool IsConstraintViolation(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation;

    /// <summary>True when the server could not be reached or the connection broke, as opposed to a rejected statement.</summary>
    public static bool IsConnectionFailure(Exception ex) => ex switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException or EndOfStreamException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or EndOfStreamException => true,
        _ => false,
    };

    public static StoreException Unreachable(StoreLocation location, Exception ex) =>
        new($"Lost or could not open the connection to the PostgreSQL store {location.Display}: {ex.Message}. "
            + "Check that the server is running and reachable, then run the same command again; work that was not committed is redone.", ex);
}
