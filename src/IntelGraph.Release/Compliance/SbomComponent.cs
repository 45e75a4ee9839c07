using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Release.Compliance;

/// <summary>One dependency in a CycloneDX SBOM with the licences it declares (SPDX ids, names or expressions).</summary>
public sealed record SbomComponent(string Name, string Version, string? PackageUrl, IReadOnlyList<string> Licences)
{
    /// <summary>Reads the components of a CycloneDX JSON document.</summary>
    /// <exception cref="InvalidInputException">The document is not CycloneDX JSON.</exception>
    public static IReadOnlyList<SbomComponent> ReadAll(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bomFormat", out var format) || format.GetString() != "CycloneDX")
        {
            throw new InvalidInputException("The SBOM is not a CycloneDX JSON document (bomFormat is not CycloneDX).");
        }

        if (!root.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. components.EnumerateArray().Select(Read)];
    }

    private static SbomComponent Read(JsonElement component)
    {
        var licences = new List<string>();
        if (component.TryGetProperty("licenses", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.TryGetProperty("expression", out var expression))
                {
                    licences.Add(expression.GetString() ?? string.Empty);
                }
                else if (entry.TryGetProperty("license", out var licence))
                {
                    licences.Add(Text(licence, "id") ?? Text(licence, "name") ?? Text(licence, "url") ?? string.Empty);
                }
            }
        }

        return new SbomComponent(
            Text(component, "name") ?? "(unnamed)",
            Text(component, "version") ?? string.Empty,
            Text(component, "purl"),
            [.. licences.Where(licence => licence.Length > 0)]);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
