using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Commands;

/// <summary>The sample pilot export that <c>rehearse --sample</c> and <c>sample</c> generate.</summary>
internal static class SampleExports
{
    /// <summary>
    /// A small export with one delta and every fault kind a real export has, so the first rehearsal
    /// shows quarantine, duplicates and resolved edges, not only the happy path.
    /// </summary>
    public static PilotExportOptions Default { get; } = new()
    {
        Tenant = "sample",
        Seed = 20250601,
        Claims = 2500,
        Deltas = 1,
        ClaimsPerDelta = 400,
        Faults = PilotExportFaults.All,
    };

    public static async Task<string> WriteAsync(string folder, CliEnvironment environment, bool quiet, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        if (!quiet)
        {
            await environment.Error.WriteLineAsync($"Generating a sample pilot export in {root}");
        }

        await Task.Run(() => new PilotExportGenerator(Default).Generate(root, progress: null, cancellationToken), cancellationToken);
        return root;
    }

    /// <summary>Returns the tenant the export's export.json names, or "pilot" when it names none or an invalid one.</summary>
    public static async Task<string> TenantOfAsync(string exportRoot, CancellationToken cancellationToken)
    {
        var path = Path.Combine(exportRoot, "export.json");
        if (!File.Exists(path))
        {
            return "pilot";
        }

        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("tenant", out var tenant)
                && tenant.ValueKind == JsonValueKind.String
                && TenantId.TryParse(tenant.GetString(), out var parsed)
                    ? parsed.Value
                    : "pilot";
        }
        catch (JsonException)
        {
            return "pilot";
        }
    }
}
