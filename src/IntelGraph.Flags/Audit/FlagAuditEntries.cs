using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Audit;

/// <summary>Builds the audit entries for a new version of a flags file.</summary>
public static class FlagAuditEntries
{
    /// <param name="baseline">The settings in force before: the previous file, or the audit log's latest entries on a first load.</param>
    /// <param name="changedBy">Who changed the file; when null, the file's <c>metadata.changedBy</c>, else <c>unknown</c>.</param>
    public static List<FlagAuditEntry> ForChange(
        IReadOnlyDictionary<FlagKey, FlagSetting> baseline,
        FlagsDocument document,
        string file,
        string revision,
        string source,
        DateTimeOffset at,
        string? changedBy = null)
    {
        var author = changedBy ?? document.Metadata.ChangedBy ?? FlagAuditEntry.UnknownAuthor;
        return FlagChanges.Between(baseline, FlagChanges.Flatten(document))
            .Select(change => new FlagAuditEntry(
                at,
                change.Key.Flag,
                change.Key.Environment,
                change.Before,
                change.After,
                author,
                document.Metadata.Reason,
                source,
                Path.GetFullPath(file),
                revision))
            .ToList();
    }
}
