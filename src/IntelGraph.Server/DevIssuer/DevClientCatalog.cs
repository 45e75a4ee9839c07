using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;

namespace IntelGraph.Server.DevIssuer;

/// <summary>One seeded identity of the development issuer: a client (service account) or a user.</summary>
/// <param name="Name">The client id, or the user name.</param>
/// <param name="Secret">The client secret or user password; null when its source was unavailable, which disables the entry.</param>
/// <param name="RealmRoles">Roles written to <c>realm_access.roles</c>.</param>
/// <param name="ClientRoles">Roles written to <c>resource_access.{audience}.roles</c>.</param>
internal sealed record DevPrincipal(
    string Name,
    string? Secret,
    string? Tenant,
    IReadOnlyList<string> RealmRoles,
    IReadOnlyList<string> ClientRoles,
    IReadOnlyList<string> Groups)
{
    /// <summary>Compares a presented secret with the stored one in constant time; false when the entry has no secret.</summary>
    public bool SecretMatches(string? presented)
    {
        if (Secret is null || presented is null)
        {
            return false;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(Secret));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}

/// <summary>
/// The clients and users the development issuer accepts, read once at startup from a JSON file.
/// The file names where each secret comes from (an environment variable or a file), never the secret.
/// </summary>
internal sealed class DevClientCatalog
{
    private readonly Dictionary<string, DevPrincipal> _clients;
    private readonly Dictionary<string, DevPrincipal> _users;

    private DevClientCatalog(string? sourcePath, Dictionary<string, DevPrincipal> clients, Dictionary<string, DevPrincipal> users, IReadOnlyList<string> unavailable)
    {
        SourcePath = sourcePath;
        _clients = clients;
        _users = users;
        Unavailable = unavailable;
    }

    /// <summary>The file the catalog was read from, or null when there was none.</summary>
    public string? SourcePath { get; }

    public int ClientCount => _clients.Count;

    public int UserCount => _users.Count;

    /// <summary>The entries whose secret source was missing or empty, as "client NAME: reason".</summary>
    public IReadOnlyList<string> Unavailable { get; }

    public static DevClientCatalog Empty { get; } = new(null, [], [], []);

    public DevPrincipal? FindClient(string? clientId) =>
        clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    public DevPrincipal? FindUser(string? username) =>
        username is not null && _users.TryGetValue(username, out var user) ? user : null;

    /// <summary>Reads the catalog. Secret files given as relative paths are relative to the catalog file's folder.</summary>
    /// <exception cref="InvalidInputException">The file is not a valid catalog; the message names the entry and field.</exception>
    public static DevClientCatalog Load(string path, Func<string, string?> readEnvironment)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), CatalogJson.Default.CatalogFile);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"The development client file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (file is null)
        {
            throw new InvalidInputException($"The development client file '{path}' is empty; it must be a JSON object with \"clients\" and optionally \"users\".");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var unavailable = new List<string>();
        var clients = Read(file.Clients ?? [], "client", path, folder, readEnvironment, unavailable);
        var users = Read(file.Users ?? [], "user", path, folder, readEnvironment, unavailable);
        return new DevClientCatalog(Path.GetFullPath(path), clients, users, unavailable);
    }

    private static Dictionary<string, DevPrincipal> Read(
        IReadOnlyList<CatalogEntry> entries, string kind, string path, string folder, Func<string, string?> readEnvironment, List<string> unavailable)
    {
        var result = new Dictionary<string, DevPrincipal>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = kind == "client" ? entry.ClientId : entry.Username;
            var where = $"{kind} {i} in '{path}'";
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidInputException($"The {where} has no {(kind == "client" ? "clientId" : "username")}.");
            }

            if (entry.Tenant is not null && !TenantId.TryParse(entry.Tenant, out _))
            {
                throw new InvalidInputException($"The {kind} '{name}' in '{path}' has the invalid tenant '{entry.Tenant}'.");
            }

            var source = (kind == "client" ? entry.Secret : entry.Password)
                ?? throw new InvalidInputException($"The {kind} '{name}' in '{path}' does not say where its {(kind == "client" ? "secret" : "password")} comes from: add {{\"env\": \"VARIABLE\"}} or {{\"file\": \"PATH\"}}.");

            var secret = ReadSecret(source, kind, name, path, folder, readEnvironment, unavailable);
            if (!result.TryAdd(name, new DevPrincipal(name, secret, entry.Tenant, entry.Roles ?? [], entry.ClientRoles ?? [], entry.Groups ?? [])))
            {
                throw new InvalidInputException($"The {kind} '{name}' appears twice in '{path}'.");
            }
        }

        return result;
    }

    private static string? ReadSecret(
        SecretSource source, string kind, string name, string path, string folder, Func<string, string?> readEnvironment, List<string> unavailable)
    {
        if ((source.Env is null) == (source.File is null))
        {
            throw new InvalidInputException($"The secret source of {kind} '{name}' in '{path}' must have exactly one of \"env\" and \"file\".");
        }

        string? secret;
        string origin;
        if (source.Env is not null)
        {
            origin = $"environment variable {source.Env}";
            secret = readEnvironment(source.Env);
        }
        else
        {
            var secretPath = Path.GetFullPath(source.File!, folder);
            origin = $"file {secretPath}";
            secret = File.Exists(secretPath) ? File.ReadAllText(secretPath) : null;
        }

        // Files written with echo end in a line break that is not part of the secret.
        secret = secret?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(secret))
        {
            unavailable.Add($"{kind} {name}: {origin} is missing or empty");
            return null;
        }

        return secret;
    }
}

internal sealed record CatalogFile(
    [property: JsonPropertyName("clients")] IReadOnlyList<CatalogEntry>? Clients,
    [property: JsonPropertyName("users")] IReadOnlyList<CatalogEntry>? Users);

internal sealed record CatalogEntry(
    [property: JsonPropertyName("clientId")] string? ClientId,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("secret")] SecretSource? Secret,
    [property: JsonPropertyName("password")] SecretSource? Password,
    [property: JsonPropertyName("tenant")] string? Tenant,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles,
    [property: JsonPropertyName("clientRoles")] IReadOnlyList<string>? ClientRoles,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups);

internal sealed record SecretSource(
    [property: JsonPropertyName("env")] string? Env,
    [property: JsonPropertyName("file")] string? File);

[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CatalogFile))]
internal sealed partial class CatalogJson : JsonSerializerContext;
