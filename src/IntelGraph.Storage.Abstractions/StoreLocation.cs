using System.Data.Common;
using System.Globalization;
using IntelGraph.Core;

namespace IntelGraph.Storage;

/// <summary>The database kinds IntelGraph can store its data in.</summary>
public enum StoreKind
{
    /// <summary>An embedded SQLite database file: the default, needing nothing installed.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: the server and scale-out store.</summary>
    Postgres,
}

/// <summary>
/// Where the store lives, as given by <c>--db</c> or configuration: a file path for SQLite, or a
/// <c>postgres://</c> URL or <c>Host=…;Database=…</c> connection string for PostgreSQL.
/// </summary>
public sealed record StoreLocation
{
    /// <summary>The environment variable that names the store when no <c>--db</c> or configuration does.</summary>
    public const string EnvironmentVariable = "INTELGRAPH_DB";

    private StoreLocation(StoreKind kind, string value, string display)
    {
        Kind = kind;
        Value = value;
        Display = display;
    }

    public StoreKind Kind { get; }

    /// <summary>The full path of the SQLite file, or the PostgreSQL connection string in keyword form (with any password).</summary>
    public string Value { get; }

    /// <summary>A form safe to print and log: the path, or the PostgreSQL URL without its password.</summary>
    public string Display { get; }

    public static StoreLocation Sqlite(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        return new StoreLocation(StoreKind.Sqlite, fullPath, fullPath);
    }

    /// <summary>
    /// Resolves <paramref name="text"/>, else <c>$INTELGRAPH_DB</c>, else <c>.intelgraph/intelgraph.db</c>
    /// under the current folder. Throws <see cref="InvalidInputException"/> for a PostgreSQL address that cannot be used.
    /// </summary>
    public static StoreLocation Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Sqlite(System.IO.Path.Combine(".intelgraph", "intelgraph.db"));
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(text);
        }

        if (text.Contains("host=", StringComparison.OrdinalIgnoreCase) && text.Contains(';', StringComparison.Ordinal))
        {
            return FromKeywords(text);
        }

        return Sqlite(text);
    }

    public override string ToString() => Display;

    private static StoreLocation FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw new InvalidInputException($"'{Redact(text)}' is not a valid PostgreSQL URL; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.");
        }

        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new InvalidInputException($"The PostgreSQL URL '{Redact(text)}' names no database; add /DATABASE after the host.");
        }

        var keywords = new DbConnectionStringBuilder();
        if (url.Host.Length > 0)
        {
            keywords["Host"] = url.Host;
        }

        if (!url.IsDefaultPort && url.Port > 0)
        {
            keywords["Port"] = url.Port.ToString(CultureInfo.InvariantCulture);
        }

        keywords["Database"] = database;
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            keywords["Username"] = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                keywords["Password"] = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            keywords[UrlParameterKeyword(name, text)] = value;
        }

        if (!keywords.ContainsKey("Host"))
        {
            throw new InvalidInputException($"The PostgreSQL URL '{Redact(text)}' names no host; give one after '@', or a socket folder as ?host=/var/run/postgresql.");
        }

        return new StoreLocation(StoreKind.Postgres, keywords.ConnectionString, DisplayOf(keywords));
    }

    private static StoreLocation FromKeywords(string text)
    {
        var keywords = new DbConnectionStringBuilder();
        try
        {
            keywords.ConnectionString = text;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"The PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        return new StoreLocation(StoreKind.Postgres, keywords.ConnectionString, DisplayOf(keywords));
    }

    /// <summary>Maps the libpq URL parameters that IntelGraph supports onto connection string keywords.</summary>
    private static string UrlParameterKeyword(string name, string text) => name.ToLowerInvariant() switch
    {
        "host" => "Host",
        "port" => "Port",
        "sslmode" => "SSL Mode",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        "options" => "Options",
        "search_path" => "Search Path",
        "pooling" => "Pooling",
        "maximum_pool_size" or "max_pool_size" => "Maximum Pool Size",
        _ => throw new InvalidInputException(
            $"The PostgreSQL URL '{Redact(text)}' has the parameter '{name}', which IntelGraph does not support; "
            + "use host, port, sslmode, application_name, connect_timeout, options, search_path, pooling or maximum_pool_size, or give a Host=…;Database=… connection string."),
    };

    private static string DisplayOf(DbConnectionStringBuilder keywords)
    {
        string Read(string key) => keywords.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

        var user = Read("Username") is { Length: > 0 } username ? username : Read("User ID");
        var port = Read("Port");
        var host = Read("Host");
        var server = host.StartsWith('/') ? $"?host={host}" : host + (port.Length > 0 ? ":" + port : string.Empty);
        var database = Read("Database");
        return host.StartsWith('/')
            ? $"postgres://{(user.Length > 0 ? user + "@" : string.Empty)}/{database}{server}"
            : $"postgres://{(user.Length > 0 ? user + "@" : string.Empty)}{server}/{database}";
    }

    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0)
        {
            return text;
        }

        var colon = text.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? text[..colon] + ":***" + text[at..] : text;
    }
}
