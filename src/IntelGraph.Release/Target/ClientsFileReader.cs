using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Release.Target;

/// <summary>
/// Reads client ids and secret sources from a development clients file (<c>deploy/dev-clients.json</c>):
/// <c>{"clients":[{"clientId":…,"secret":{"env":NAME}|{"file":PATH}}]}</c>. Roles and tenants in the
/// file are ignored, because the gate reads what each token carries from the target's <c>GET /me</c>.
/// </summary>
public static class ClientsFileReader
{
    /// <exception cref="InvalidInputException">The file is missing or not in that shape; the message names the entry.</exception>
    public static IReadOnlyList<ClientCredential> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"The clients file {path} does not exist.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"The clients file {path} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("clients", out var clients)
                || clients.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidInputException($"The clients file {path} has no \"clients\" array.");
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var credentials = new List<ClientCredential>();
            var index = 0;
            foreach (var client in clients.EnumerateArray())
            {
                credentials.Add(ReadClient(client, $"{path}: clients[{index}]", folder));
                index++;
            }

            return credentials;
        }
    }

    private static ClientCredential ReadClient(JsonElement client, string field, string folder)
    {
        if (client.ValueKind != JsonValueKind.Object
            || !client.TryGetProperty("clientId", out var idElement)
            || idElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(idElement.GetString()))
        {
            throw new InvalidInputException($"{field}.clientId is missing; every client needs a clientId string.");
        }

        var clientId = idElement.GetString()!;
        if (!client.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"{field}.secret is missing; give {{\"env\": NAME}} or {{\"file\": PATH}}.");
        }

        if (secret.TryGetProperty("env", out var variable) && variable.ValueKind == JsonValueKind.String)
        {
            return ClientCredential.FromEnvironment(clientId, variable.GetString()!);
        }

        if (secret.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
        {
            return ClientCredential.FromFile(clientId, Path.Combine(folder, file.GetString()!));
        }

        throw new InvalidInputException($"{field}.secret names no source; give {{\"env\": NAME}} or {{\"file\": PATH}}.");
    }
}
