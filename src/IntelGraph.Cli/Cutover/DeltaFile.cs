using System.Text.Json;

namespace IntelGraph.Cli.Cutover;

/// <summary>
/// What changed on the old side since the presync, as the export step wrote it to <c>delta.json</c> in
/// the run folder: the claims appended after the presync's cursor, and every case whose fields, tasks
/// or reports differ from the new side's copy. The apply step reads it back, so a killed run applies
/// exactly what was exported.
/// </summary>
/// <param name="After">The old side's ledger cursor the claims were read after.</param>
/// <param name="Cursor">The old side's ledger cursor after the last claim exported.</param>
internal sealed record DeltaFile(string From, string? After, string? Cursor, IReadOnlyList<CarriedClaim> Claims, IReadOnlyList<CarriedCase> Cases)
{
    public const string FileName = "delta.json";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the file to a temporary name, flushes it to disk and renames it, so the file is whole or absent.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, this, _json, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="CutoverException">The file is missing or not a delta file.</exception>
    public static async Task<DeltaFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<DeltaFile>(stream, _json, cancellationToken)
                ?? throw new CutoverException($"{path} is empty; delete the export step's lines from the timeline to export again.");
        }
        catch (FileNotFoundException)
        {
            throw new CutoverException($"{path} is missing, though the timeline records the export as done. Restore the run folder, or start a new run folder.");
        }
        catch (JsonException ex)
        {
            throw new CutoverException($"{path} is not a cutover delta ({ex.Message}). Restore the run folder, or start a new run folder.");
        }
    }

    /// <summary>Keeps the source's cases that the delta creates or changes in any way.</summary>
    public static IReadOnlyList<CarriedCase> ChangedCases(IReadOnlyList<CarriedCase> source, RecordDelta delta)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        touched.UnionWith(delta.NewCases.Select(record => record.Id));
        touched.UnionWith(delta.ChangedCases.Select(record => record.Id));
        touched.UnionWith(delta.NewTasks.Select(change => change.CaseId));
        touched.UnionWith(delta.ChangedTasks.Select(change => change.CaseId));
        touched.UnionWith(delta.NewReports.Select(change => change.CaseId));
        touched.UnionWith(delta.ChangedReports.Select(change => change.CaseId));
        return [.. source.Where(record => touched.Contains(record.Id))];
    }
}
