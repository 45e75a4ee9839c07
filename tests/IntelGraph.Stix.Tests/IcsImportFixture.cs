using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Stix.Tests;

/// <summary>The ATT&amp;CK for ICS bundle imported once into a temporary database, shared by the tests that only read.</summary>
public sealed class IcsImportFixture : IAsyncLifetime
{
    public static readonly TenantId Tenant = TenantId.Parse("ics");

    private TemporaryDatabase? _database;
    private StixImportReport? _report;
    private JsonDocument? _bundle;

    internal TemporaryDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public StixImportReport Report => _report ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The bundle's objects, parsed whole so that tests can derive what the import should store.</summary>
    public IReadOnlyList<JsonElement> Objects { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(SharedDatasets.IcsBundlePath));
        Objects = [.. _bundle.RootElement.GetProperty("objects").EnumerateArray()];

        _database = await TemporaryDatabase.CreateAsync(CancellationToken.None);
        _report = await _database.CreateImporter().ImportAsync(Tenant, SharedDatasets.IcsBundlePath, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _bundle?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Reads what a STIX bundle and a pilot export hold, independently of the importer's code.</summary>
internal static class BundleFacts
{
    private static readonly HashSet<string> _metadataTypes = ["marking-definition", "x-mitre-matrix"];

    public static string Id(JsonElement stixObject) => stixObject.GetProperty("id").GetString()!;

    public static string Type(JsonElement stixObject) => stixObject.GetProperty("type").GetString()!;

    public static string? OptionalString(JsonElement stixObject, string name) =>
        stixObject.TryGetProperty(name, out var value) ? value.GetString() : null;

    public static List<JsonElement> Relationships(IEnumerable<JsonElement> objects) =>
        [.. objects.Where(o => Type(o) == "relationship")];

    /// <summary>
    /// The objects that should become entities: every non-relationship object except metadata types
    /// and the identity that other objects name as creator while no relationship points to it.
    /// </summary>
    public static List<JsonElement> ExpectedEntities(IReadOnlyList<JsonElement> objects)
    {
        var creators = objects
            .Select(o => (Id: Id(o), Creator: OptionalString(o, "created_by_ref")))
            .Where(pair => pair.Creator is not null && pair.Creator != pair.Id)
            .Select(pair => pair.Creator!)
            .ToHashSet();
        var endpoints = Relationships(objects)
            .SelectMany(r => new[] { r.GetProperty("source_ref").GetString()!, r.GetProperty("target_ref").GetString()! })
            .ToHashSet();

        return
        [
            .. objects.Where(o =>
                Type(o) != "relationship"
                && !_metadataTypes.Contains(Type(o))
                && !(Type(o) == "identity" && creators.Contains(Id(o)) && !endpoints.Contains(Id(o)))),
        ];
    }

    /// <summary>Reads the entities of the pilot export, base and delta 0001.</summary>
    /// <remarks>Those files quote no field, so splitting at commas gives the five columns id,label,type,country,createdAt.</remarks>
    public static List<(string Id, string Label, string Type, string CreatedAt)> PilotEntities()
    {
        var entities = new List<(string, string, string, string)>();
        foreach (var path in new[] { Path.Combine(SharedDatasets.PilotFolder, "graph", "entities.csv"), Path.Combine(SharedDatasets.PilotFolder, "deltas", "0001", "graph", "entities.csv") })
        {
            foreach (var line in File.ReadLines(path).Skip(1).Where(line => line.Length > 0))
            {
                var fields = line.Split(',');
                if (fields.Length != 5)
                {
                    throw new InvalidDataException($"The line '{line}' of '{path}' does not have 5 fields; this reader does not handle quoted fields.");
                }

                entities.Add((fields[0], fields[1], fields[2], fields[4]));
            }
        }

        return entities;
    }

    /// <summary>Reads the claims of the pilot export, base and delta 0001, as JSON objects.</summary>
    public static List<JsonElement> PilotClaims()
    {
        var claims = new List<JsonElement>();
        foreach (var path in new[] { Path.Combine(SharedDatasets.PilotFolder, "claims.json"), Path.Combine(SharedDatasets.PilotFolder, "deltas", "0001", "claims.json") })
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            claims.AddRange(document.RootElement.EnumerateArray().Select(claim => claim.Clone()));
        }

        return claims;
    }
}
