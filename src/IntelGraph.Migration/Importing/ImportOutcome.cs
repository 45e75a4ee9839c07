namespace IntelGraph.Migration.Importing;

/// <summary>What happened to one source record.</summary>
internal enum ImportOutcome
{
    Imported,
    AlreadyPresent,
    Duplicate,
    Updated,
    Superseded,
    Quarantined,
}

internal static class ImportOutcomeTally
{
    public static void Count(this TableTally tally, ImportOutcome outcome)
    {
        switch (outcome)
        {
            case ImportOutcome.Imported:
                tally.Imported++;
                break;
            case ImportOutcome.AlreadyPresent:
                tally.AlreadyPresent++;
                break;
            case ImportOutcome.Duplicate:
                tally.Duplicates++;
                break;
            case ImportOutcome.Updated:
                tally.Updated++;
                break;
            case ImportOutcome.Superseded:
                tally.Superseded++;
                break;
            case ImportOutcome.Quarantined:
                tally.Quarantined++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown import outcome.");
        }
    }
}
