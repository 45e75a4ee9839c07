using System.Net;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Edge;

/// <summary>
/// The edge's configuration file: where it listens, the two deployments it sends traffic to, and where
/// it keeps its state. The format is described in docs/edge.md.
/// </summary>
/// <param name="Listen">The address clients use, such as <c>http://0.0.0.0:8080</c>.</param>
/// <param name="Admin">The loopback address of the switch endpoints, such as <c>http://127.0.0.1:8099</c>.</param>
/// <param name="StateFile">The full path of the state file that keeps the active side and the switch log.</param>
/// <param name="IdleRetention">How long the idle side must be kept after a switch before it may be retired.</param>
/// <param name="HealthPath">The path on each side that must return 200 before traffic moves to it.</param>
public sealed record EdgeSettings(
    Uri Listen,
    Uri Admin,
    Uri Blue,
    Uri Green,
    string StateFile,
    TimeSpan IdleRetention,
    string HealthPath)
{
    public static readonly TimeSpan DefaultIdleRetention = TimeSpan.FromHours(24);

    public const string DefaultHealthPath = "/healthz";

    public Uri AddressOf(EdgeSide side) => side == EdgeSide.Blue ? Blue : Green;

    /// <exception cref="InvalidInputException">The file is missing or invalid. The message names the file and the field.</exception>
    public static async Task<EdgeSettings> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException($"{path}: the edge configuration file does not exist.");
        }

        return Parse(text, path);
    }

    /// <param name="path">The file the text came from, whose folder a relative <c>stateFile</c> is resolved against.</param>
    /// <exception cref="InvalidInputException">The text is not a valid edge configuration. The message names the file and the field.</exception>
    public static EdgeSettings Parse(string text, string path)
    {
        EdgeFile? file;
        try
        {
            file = JsonSerializer.Deserialize<EdgeFile>(text, new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
                ReadCommentHandling = JsonCommentHandling.Skip,
            });
        }
        catch (JsonException ex)
        {
            var location = ex.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            throw new InvalidInputException($"{location}: invalid edge configuration: {ex.Message}");
        }

        if (file is null)
        {
            throw new InvalidInputException($"{path}: the edge configuration is empty; expected a JSON object.");
        }

        var problems = new List<string>();
        var lines = JsonPropertyLines.Read(text);
        string At(string field) => lines.TryGetValue(field, out var line) ? $"{path}:{line}: {field}" : $"{path}: {field}";

        var listen = Address(file.Listen, At("listen"), problems);
        var admin = Address(file.Admin, At("admin"), problems);
        var blue = Address(file.Blue, At("blue"), problems);
        var green = Address(file.Green, At("green"), problems);

        if (admin is not null && !IsLoopback(admin))
        {
            problems.Add($"{At("admin")}: '{file.Admin}' is not a loopback address; the switch endpoints listen only on 127.0.0.1, ::1 or localhost.");
        }

        if (listen is not null && admin is not null && listen.Port == admin.Port)
        {
            problems.Add($"{At("admin")}: port {admin.Port} is also the listen port; give the switch endpoints a port of their own.");
        }

        if (file.IdleRetentionHours is < 0)
        {
            problems.Add($"{At("idleRetentionHours")}: invalid value {file.IdleRetentionHours}; expected 0 or more hours.");
        }

        var healthPath = file.HealthPath ?? DefaultHealthPath;
        if (!healthPath.StartsWith('/'))
        {
            problems.Add($"{At("healthPath")}: '{healthPath}' must start with '/'.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException($"invalid edge configuration:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var stateFile = Path.GetFullPath(Path.Combine(folder, file.StateFile ?? "edge-state.json"));
        var retention = file.IdleRetentionHours is { } hours ? TimeSpan.FromHours(hours) : DefaultIdleRetention;
        return new EdgeSettings(listen!, admin!, blue!, green!, stateFile, retention, healthPath);
    }

    /// <param name="location">The file, line and field, such as <c>edge.json:3: listen</c>.</param>
    private static Uri? Address(string? value, string location, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{location}: missing; expected an http or https URL.");
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"{location}: '{value}' is not an absolute http or https URL.");
            return null;
        }

        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The file as written, before <see cref="Parse"/> checks every field.</summary>
    private sealed record EdgeFile(
        string? Listen,
        string? Admin,
        string? Blue,
        string? Green,
        string? StateFile,
        double? IdleRetentionHours,
        string? HealthPath);
}
