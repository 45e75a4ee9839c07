using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Collects the expected outcome of every record while one part is written. Thread-safe, because
/// claims are written on their own thread while the other tables are written on the caller's.
/// </summary>
internal sealed class PartAccountingBuilder(string partName)
{
    private static readonly string[] _reasons =
    [
        QuarantineReasons.HashMismatch,
        QuarantineReasons.ConflictingDuplicate,
        QuarantineReasons.MissingEndpoint,
        QuarantineReasons.MissingCase,
        QuarantineReasons.Unparsable,
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TableCounts> _tables = SourceTables.All.ToDictionary(t => t, _ => new TableCounts());
    private readonly List<ExpectedQuarantine> _quarantined = [];

    public string PartName { get; } = partName;

    public void Imported(string table)
    {
        lock (_gate)
        {
            _tables[table].Imported++;
        }
    }

    public void Duplicate(string table)
    {
        lock (_gate)
        {
            _tables[table].Duplicates++;
        }
    }

    public void Updated(string table)
    {
        lock (_gate)
        {
            _tables[table].Updated++;
        }
    }

    public void Resolved(string table, long count)
    {
        lock (_gate)
        {
            _tables[table].Resolved += count;
        }
    }

    public void Quarantined(string table, string reason, SourceLocation location, string? recordId, string? resolvedBy = null)
    {
        lock (_gate)
        {
            _tables[table].Quarantined[reason] = _tables[table].Quarantined.GetValueOrDefault(reason) + 1;
            _quarantined.Add(new ExpectedQuarantine(table, reason, location, recordId, resolvedBy));
        }
    }

    /// <summary>Freezes the counts, taking the number of records written per table from the files themselves.</summary>
    public ExpectedPartAccounting Build(IReadOnlyDictionary<string, long> written)
    {
        lock (_gate)
        {
            return BuildLocked(written);
        }
    }

    private ExpectedPartAccounting BuildLocked(IReadOnlyDictionary<string, long> written)
    {
        var tables = new List<ExpectedTableAccounting>(SourceTables.All.Count);
        foreach (string table in SourceTables.All)
        {
            TableCounts counts = _tables[table];
            var byReason = _reasons.ToDictionary(r => r, r => counts.Quarantined.GetValueOrDefault(r));
            tables.Add(new ExpectedTableAccounting(
                table, written[table], counts.Imported, counts.Duplicates, counts.Updated, byReason, counts.Resolved));
        }

        var tableOrder = SourceTables.All.Select((table, index) => (table, index)).ToDictionary(p => p.table, p => p.index);
        var ordered = _quarantined
            .OrderBy(q => tableOrder[q.Table])
            .ThenBy(q => q.Location.Line)
            .ToList();
        return new ExpectedPartAccounting(PartName, tables, ordered);
    }

    private sealed class TableCounts
    {
        public long Imported;
        public long Duplicates;
        public long Updated;
        public long Resolved;
        public readonly Dictionary<string, long> Quarantined = [];
    }
}
