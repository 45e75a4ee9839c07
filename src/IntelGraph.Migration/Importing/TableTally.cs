namespace IntelGraph.Migration.Importing;

/// <summary>
/// Where the records of one source table went during one run. Every record read lands in exactly
/// one of the outcome counters, so <see cref="Accounted"/> equals <see cref="Read"/> after a run.
/// </summary>
public sealed class TableTally(string table)
{
    public string Table { get; } = table;

    /// <summary>Records read from the source files.</summary>
    public long Read { get; set; }

    /// <summary>Records stored by this run.</summary>
    public long Imported { get; set; }

    /// <summary>Records a previous run of the same export already stored; a re-run counts them here.</summary>
    public long AlreadyPresent { get; set; }

    /// <summary>Records identical to one stored from another source location, merged into it.</summary>
    public long Duplicates { get; set; }

    /// <summary>Newer versions of stored records that replaced them (tasks, decided by <c>updated_at</c>).</summary>
    public long Updated { get; set; }

    /// <summary>Older versions of stored records: the store already contains a newer version.</summary>
    public long Superseded { get; set; }

    /// <summary>Records set aside with a reason by this run, or already set aside by an earlier run.</summary>
    public long Quarantined { get; set; }

    /// <summary>Records quarantined by earlier parts whose missing endpoint or case this part supplied.</summary>
    public long Resolved { get; set; }

    /// <summary>Time spent reading and importing this table's records.</summary>
    public TimeSpan Duration { get; set; }

    public long Accounted => Imported + AlreadyPresent + Duplicates + Updated + Superseded + Quarantined;
}
