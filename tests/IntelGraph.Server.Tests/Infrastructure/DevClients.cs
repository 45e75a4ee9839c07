using System.Text.Json;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// The development clients every test server gets. Each tenant has one client per role, one with every
/// role, one with none and one whose role comes from resource_access. Besides these there are a client
/// without a tenant, a client whose secret is an environment variable, and one user for the password
/// grant. Each other secret is a random value in its own file.
/// </summary>
internal static class DevClients
{
    public static readonly string[] Tenants = ["alpha", "beta"];

    public static readonly string[] Roles = ["analyst", "lead", "admin", "auditor"];

    public const string NoTenantAdmin = "notenant-admin";

    /// <summary>A tenant that only tests needing a tenant with no budget and no rows use; nothing writes to it.</summary>
    public const string UntouchedTenant = "gamma";

    public const string User = "alpha-user";

    /// <summary>The client that authenticates password grants.</summary>
    public const string PasswordClient = "alpha-all";

    /// <summary>The environment variable read for one client's secret, so that source is covered too.</summary>
    public static string EnvironmentClient(string suffix) => $"env-client-{suffix}";

    public static string Client(string tenant, string role) => $"{tenant}-{role}";

    public static string AllRoles(string tenant) => $"{tenant}-all";

    public static string NoRoles(string tenant) => $"{tenant}-none";

    public static string ClientRoleLead(string tenant) => $"{tenant}-clientrole-lead";

    /// <summary>Writes the client file and one secret file per entry into the folder; returns the client file's path and every secret by name.</summary>
    public static (string Path, Dictionary<string, string> Secrets) Write(string folder, string environmentVariable)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var clients = new List<object>();
        foreach (var tenant in Tenants)
        {
            foreach (var role in Roles)
            {
                clients.Add(Entry(folder, secrets, Client(tenant, role), tenant, [role], [], ["internal"]));
            }

            clients.Add(Entry(folder, secrets, AllRoles(tenant), tenant, Roles, [], ["internal"]));
            clients.Add(Entry(folder, secrets, NoRoles(tenant), tenant, [], [], []));
            clients.Add(Entry(folder, secrets, ClientRoleLead(tenant), tenant, [], ["lead"], []));
        }

        clients.Add(Entry(folder, secrets, NoTenantAdmin, tenant: null, ["admin"], [], []));
        clients.Add(Entry(folder, secrets, AllRoles(UntouchedTenant), UntouchedTenant, Roles, [], []));

        var environmentName = EnvironmentClient(environmentVariable);
        secrets[environmentName] = Environment.GetEnvironmentVariable(environmentVariable)!;
        clients.Add(new Dictionary<string, object?>
        {
            ["clientId"] = environmentName,
            ["secret"] = new Dictionary<string, string> { ["env"] = environmentVariable },
            ["tenant"] = "alpha",
            ["roles"] = new[] { "auditor" },
        });

        var users = new List<object> { UserEntry(folder, secrets) };
        var path = Path.Combine(folder, "dev-clients.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { clients, users }));
        return (path, secrets);
    }

    private static Dictionary<string, object?> Entry(
        string folder, Dictionary<string, string> secrets, string clientId, string? tenant, string[] roles, string[] clientRoles, string[] groups)
    {
        var secretFile = WriteSecret(folder, secrets, clientId);
        return new Dictionary<string, object?>
        {
            ["clientId"] = clientId,
            ["secret"] = new Dictionary<string, string> { ["file"] = secretFile },
            ["tenant"] = tenant,
            ["roles"] = roles,
            ["clientRoles"] = clientRoles,
            ["groups"] = groups,
        };
    }

    private static Dictionary<string, object?> UserEntry(string folder, Dictionary<string, string> secrets)
    {
        var passwordFile = WriteSecret(folder, secrets, User);
        return new Dictionary<string, object?>
        {
            ["username"] = User,
            ["password"] = new Dictionary<string, string> { ["file"] = passwordFile },
            ["tenant"] = "alpha",
            ["roles"] = new[] { "analyst" },
            ["groups"] = new[] { "internal", "red-team" },
        };
    }

    /// <summary>Writes a random secret ending in a line break, as echo writes one; the issuer must drop the line break.</summary>
    private static string WriteSecret(string folder, Dictionary<string, string> secrets, string name)
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        secrets[name] = secret;
        var fileName = $"{name}.secret";
        File.WriteAllText(Path.Combine(folder, fileName), secret + "\n");
        return fileName;
    }
}
