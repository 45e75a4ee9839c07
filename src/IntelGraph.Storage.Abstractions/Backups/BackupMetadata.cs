using System.Text.Json.Serialization;

namespace IntelGraph.Storage.Backups;

/// <summary>The contents of a backup's <c>backup.json</c>.</summary>
/// <param name="SourcePath">The store that was backed up, as <see cref="StoreLocation.Display"/> shows it.</param>
/// <param name="Store">"sqlite" or "postgres"; backups written before PostgreSQL support have none and are SQLite copies.</param>
public sealed record BackupMetadata(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("sourcePath")] string SourcePath,
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("sizeBytes")] long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("store")] string? Store = null)
{
    public StoreKind StoreKind => string.Equals(Store, "postgres", StringComparison.Ordinal) ? StoreKind.Postgres : StoreKind.Sqlite;
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupMetadata))]
internal sealed partial class BackupJson : JsonSerializerContext;
