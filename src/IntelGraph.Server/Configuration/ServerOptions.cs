using IntelGraph.Storage;

namespace IntelGraph.Server.Configuration;

/// <summary>
/// The server's settings, bound from the <c>IntelGraph</c> configuration section (for example the
/// environment variable <c>IntelGraph__Auth__Authority</c>).
/// </summary>
public sealed class ServerOptions
{
    public const string SectionName = "IntelGraph";

    /// <summary>The environment variable that names the store when none is configured, as for the CLI.</summary>
    public const string DatabaseVariable = StoreLocation.EnvironmentVariable;

    public StoreOptions Store { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public FreezeOptions Freeze { get; set; } = new();

    public Flags.FlagsOptions Flags { get; set; } = new();
}

/// <summary>Where the store lives: an SQLite file by default, or a PostgreSQL database.</summary>
public sealed class StoreOptions
{
    /// <summary>
    /// An SQLite file path, or a PostgreSQL <c>postgres://</c> URL or <c>Host=…;Database=…</c> connection string.
    /// When empty, <see cref="Path"/>, else <c>$INTELGRAPH_DB</c>, else <c>.intelgraph/intelgraph.db</c> under the current folder.
    /// </summary>
    public string? Location { get; set; }

    /// <summary>The SQLite file; the older name of <see cref="Location"/>, still read when that is empty.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The folder for the server's own files (the development issuer's key, the data protection key ring). When
    /// empty: the SQLite file's folder, or <c>.intelgraph</c> under the current folder for PostgreSQL.
    /// </summary>
    public string? StateFolder { get; set; }

    /// <summary>For SQLite, the most idle connections kept open for later requests; busier moments open more and close them afterwards.</summary>
    public int MaxIdleConnections { get; set; } = 16;

    public StoreLocation ResolveLocation() => StoreLocation.Resolve(string.IsNullOrWhiteSpace(Location) ? Path : Location);

    public string ResolveStateFolder()
    {
        if (!string.IsNullOrWhiteSpace(StateFolder))
        {
            return System.IO.Path.GetFullPath(StateFolder);
        }

        var location = ResolveLocation();
        return location.Kind == StoreKind.Sqlite
            ? System.IO.Path.GetDirectoryName(location.Value)!
            : System.IO.Path.GetFullPath(".intelgraph");
    }
}

/// <summary>How bearer tokens are validated and, without an external issuer, how the development issuer runs.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The URL of an external OpenID Connect issuer, such as a Keycloak realm (<c>https://sso.example/realms/intelgraph</c>).
    /// Its discovery document gives the signing keys. When empty, the server runs its own development issuer.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience every access token must name; Keycloak's client roles are read from <c>resource_access</c> under this name too.</summary>
    public string Audience { get; set; } = "intelgraph-api";

    /// <summary>Whether the discovery document must be fetched over HTTPS; an http URL on a loopback address is always allowed.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The tolerated difference between the issuer's clock and this server's when checking exp and nbf, in seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    public DevIssuerOptions DevIssuer { get; set; } = new();
}

/// <summary>The embedded development issuer, which replaces a Keycloak realm during development.</summary>
public sealed class DevIssuerOptions
{
    /// <summary>The realm name in the issuer URL <c>{PublicUrl}/auth/realms/{Realm}</c>.</summary>
    public string Realm { get; set; } = "intelgraph";

    /// <summary>
    /// The server's base URL as clients reach it, for example <c>http://127.0.0.1:8080</c>. When empty it is
    /// taken from the first listening URL, which then needs a concrete host and port.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The JSON file listing the development clients and users; when empty, <c>deploy/dev-clients.json</c> under the content root if it exists.</summary>
    public string? ClientsFile { get; set; }

    /// <summary>The file holding the issuer's signing and encryption keys; when empty, <c>dev-issuer-keys.json</c> beside the database.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How long an issued access token is valid, in seconds.</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 900;
}

/// <summary>Limits on what one request may send.</summary>
public sealed class LimitOptions
{
    /// <summary>The largest request body accepted, in bytes; a larger one is rejected with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>How the write freeze is reported to clients.</summary>
public sealed class FreezeOptions
{
    /// <summary>The Retry-After value sent with a write refused during a freeze, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 30;
}
