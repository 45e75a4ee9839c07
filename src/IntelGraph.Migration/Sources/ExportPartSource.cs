using System.Runtime.CompilerServices;
using IntelGraph.Core;
using IntelGraph.Migration.Export;
using IntelGraph.Migration.Importing;

namespace IntelGraph.Migration.Sources;

/// <summary>
/// One part of a legacy export (the base or a delta) as the importer and the reconciler read it:
/// every table as a stream of records, parsed or carrying the reason they could not be.
/// </summary>
internal sealed class ExportPartSource
{
    public const string BasePart = ExportPart.BaseName;

    private readonly ExportPart _part;
    private LegacyCaseTableSource? _legacyCaseTables;

    private ExportPartSource(string root, ExportPart part, ExportManifest? manifest)
    {
        Root = root;
        _part = part;
        Manifest = manifest;
    }

    /// <summary>"base" or the delta's folder relative to the export root, such as <c>deltas/0001</c>.</summary>
    public string Name => _part.Name;

    /// <summary>The full path of the export's root folder.</summary>
    public string Root { get; }

    /// <summary>The part's export.json, when it has one.</summary>
    public ExportManifest? Manifest { get; }

    /// <summary>The path of the part's claims.json relative to the export root, as claims' origins record it.</summary>
    public string? ClaimsFile => _part.Claims?.RelativePath;

    /// <summary>The path of the part's claim_ids.txt relative to the export root, or null when the part has none.</summary>
    public string? ClaimIdsFile => _part.ClaimIds?.RelativePath;

    public static async Task<ExportPartSource> OpenBaseAsync(string exportRoot, CancellationToken cancellationToken)
    {
        var layout = LegacyExportLayout.Discover(exportRoot);
        return await OpenAsync(layout.RootDirectory, layout.Parts[0], cancellationToken);
    }

    /// <summary>Opens a delta folder, which must sit in an export as <c>deltas/NNNN</c>.</summary>
    public static async Task<ExportPartSource> OpenDeltaAsync(string deltaFolder, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(deltaFolder.TrimEnd('/', Path.DirectorySeparatorChar));
        var deltas = Path.GetDirectoryName(folder);
        if (deltas is null || !string.Equals(Path.GetFileName(deltas), "deltas", StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"'{folder}' is not a delta folder of an export: a delta sits in its export as deltas/NNNN, next to the base's claims.json. Pass that folder.");
        }

        var layout = LegacyExportLayout.Discover(Path.GetDirectoryName(deltas)!);
        var name = "deltas/" + Path.GetFileName(folder);
        var part = layout.Parts.FirstOrDefault(p => p.Name == name)
            ?? throw new InvalidInputException($"The export at '{layout.RootDirectory}' has no delta '{name}'.");
        return await OpenAsync(layout.RootDirectory, part, cancellationToken);
    }

    /// <summary>Lists the delta folders of the export at <paramref name="exportRoot"/> in the order they apply.</summary>
    public static IReadOnlyList<string> FindDeltaFolders(string exportRoot)
    {
        var layout = LegacyExportLayout.Discover(exportRoot);
        return layout.Parts.Where(p => !p.IsBase).Select(p => Path.Combine(layout.RootDirectory, p.Name)).ToList();
    }

    /// <summary>Whether the part's cases, tasks and reports come from the old pilot's database instead of its CSV files.</summary>
    public bool ReadsLegacyDatabase => _legacyCaseTables is not null;

    /// <summary>Reads the part's cases, tasks and reports from the old pilot's database from now on.</summary>
    public ExportPartSource UseLegacyCaseTables(ILegacyCaseTables tables)
    {
        _legacyCaseTables = new LegacyCaseTableSource(tables, Name);
        return this;
    }

    /// <summary>
    /// The number of records of <paramref name="table"/> the part's export.json declares, or null when it declares none.
    /// The export's counts do not describe a live legacy database, so its case tables have none.
    /// </summary>
    public long? DeclaredCount(string table)
    {
        if (ReadsLegacyDatabase && table is SourceTables.Cases or SourceTables.Tasks or SourceTables.Reports)
        {
            return null;
        }

        return Manifest is not null && Manifest.Counts.TryGetValue(table, out var count) ? count : null;
    }

    public async IAsyncEnumerable<ImportRecord<ClaimSource>> ReadClaimsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_part.Claims is null)
        {
            yield break;
        }

        await foreach (var record in new ClaimsFileReader(_part.Claims).ReadAsync(cancellationToken))
        {
            var value = record.IsParsed ? new ClaimSource(record.Id!, record.Hash!, record.Utf8Json) : null;
            yield return new ImportRecord<ClaimSource>(value, record.Location, record, record.Detail);
        }
    }

    public async IAsyncEnumerable<(string ClaimId, SourceLocation Location)> ReadClaimIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_part.ClaimIds is null)
        {
            yield break;
        }

        await foreach (var record in new ClaimIdsFileReader(_part.ClaimIds).ReadAsync(cancellationToken))
        {
            if (record.Value is { } claimId)
            {
                yield return (claimId, record.Location);
            }
        }
    }

    public IAsyncEnumerable<ImportRecord<Graph.GraphEntity>> ReadEntitiesAsync(CancellationToken cancellationToken) =>
        Adapt(_part.Entities, file => new EntitiesFileReader(file).ReadAsync(cancellationToken), cancellationToken);

    public IAsyncEnumerable<ImportRecord<Graph.GraphEdge>> ReadEdgesAsync(CancellationToken cancellationToken) =>
        Adapt(_part.Edges, file => new EdgesFileReader(file).ReadAsync(cancellationToken), cancellationToken);

    public IAsyncEnumerable<ImportRecord<Cases.CaseRecord>> ReadCasesAsync(CancellationToken cancellationToken) =>
        _legacyCaseTables?.ReadCasesAsync(cancellationToken) ?? Adapt(_part.Cases, file => new LegacyCasesFileReader(file).ReadAsync(cancellationToken), cancellationToken);

    public IAsyncEnumerable<ImportRecord<Cases.CaseTask>> ReadTasksAsync(CancellationToken cancellationToken) =>
        _legacyCaseTables?.ReadTasksAsync(cancellationToken) ?? Adapt(_part.Tasks, file => new LegacyTasksFileReader(file).ReadAsync(cancellationToken), cancellationToken);

    public IAsyncEnumerable<ImportRecord<Cases.ReportMeta>> ReadReportsAsync(CancellationToken cancellationToken) =>
        _legacyCaseTables?.ReadReportsAsync(cancellationToken) ?? Adapt(_part.Reports, file => new LegacyReportsFileReader(file).ReadAsync(cancellationToken), cancellationToken);

    private static async Task<ExportPartSource> OpenAsync(string root, ExportPart part, CancellationToken cancellationToken)
    {
        var manifest = part.Manifest is null ? null : await ExportManifestFile.ReadAsync(part.Manifest, cancellationToken);
        return new ExportPartSource(root, part, manifest);
    }

    private static async IAsyncEnumerable<ImportRecord<T>> Adapt<T>(
        ExportFile? file, Func<ExportFile, IAsyncEnumerable<SourceRecord<T>>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        if (file is null)
        {
            yield break;
        }

        await foreach (var record in read(file).WithCancellation(cancellationToken))
        {
            yield return new ImportRecord<T>(record.Value, record.Location, record.RawText, record.Detail);
        }
    }
}
