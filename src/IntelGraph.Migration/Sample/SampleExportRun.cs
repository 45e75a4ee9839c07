namespace IntelGraph.Migration.Sample;

/// <summary>One part of the export to write: the base export (index 0) or a delta.</summary>
/// <param name="Directory">Relative to the export's root: empty for the base, <c>deltas/0001</c> for the first delta.</param>
/// <param name="StartTicks">UTC ticks: the part's records are dated in [StartTicks, EndTicks).</param>
/// <param name="Since">A delta's <c>since</c>: the previous part's watermark; null for the base.</param>
/// <param name="TaskUpdates">How many tasks of earlier parts this delta changes the state of.</param>
internal sealed record SamplePartPlan(
    int Index,
    string Directory,
    int Claims,
    long StartTicks,
    long EndTicks,
    string? Since,
    string Watermark,
    int TaskUpdates)
{
    public bool IsBase => Index == 0;
}

/// <summary>The state one generation shares across its parts.</summary>
internal sealed class SampleExportRun(
    PilotExportOptions options,
    string root,
    Random random,
    IReadOnlyList<SamplePartPlan> parts,
    SampleEntityCatalog catalog,
    IProgress<long>? progress)
{
    public PilotExportOptions Options { get; } = options;

    public string Root { get; } = root;

    /// <summary>The single random stream every choice draws from, in a fixed order, so a seed fixes every byte.</summary>
    public Random Random { get; } = random;

    public IReadOnlyList<SamplePartPlan> Parts { get; } = parts;

    public SampleEntityCatalog Catalog { get; } = catalog;

    // Enough tasks for every delta's state changes to be distinct, up to 65,536 tasks (about 10 MB).
    public SampleTaskReservoir Tasks { get; } = new(Math.Min(parts.Sum(p => p.TaskUpdates), 1 << 16));

    /// <summary>For each part, the edges of earlier parts that wait for one of its entities.</summary>
    public long[] LateEdgesByArrivalPart { get; } = new long[parts.Count];

    /// <summary>Elements written to the parts' <c>claims.json</c> files. Only the claims worker thread counts them.</summary>
    public long ClaimsWritten { get; private set; }

    public bool Has(PilotExportFaults fault) => (Options.Faults & fault) == fault;

    public int FaultCount(PilotExportFaults fault, long population) =>
        FaultSchedule.CountFor(Has(fault), Options.FaultRate, population);

    public void ReportClaimWritten()
    {
        ClaimsWritten++;
        if (ClaimsWritten % 8192 == 0)
        {
            progress?.Report(ClaimsWritten);
        }
    }

    /// <summary>Reports the count at the end of a part, once its claims worker has finished.</summary>
    public void ReportProgress() => progress?.Report(ClaimsWritten);
}
