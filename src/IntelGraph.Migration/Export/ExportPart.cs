namespace IntelGraph.Migration.Export;

/// <summary>
/// The base export or one delta, with the files it has. A file the part lacks is null and counts as zero
/// records. Only the base must have <c>claims.json</c>.
/// </summary>
/// <param name="Name"><see cref="BaseName"/> for the base, or the delta's relative folder such as <c>deltas/0001</c>.</param>
/// <param name="Manifest">The part's <c>export.json</c>.</param>
/// <param name="ClaimIds">The part's <c>claim_ids.txt</c>.</param>
public sealed record ExportPart(
    string Name,
    ExportFile? Manifest,
    ExportFile? Claims,
    ExportFile? ClaimIds,
    ExportFile? Entities,
    ExportFile? Edges,
    ExportFile? Cases,
    ExportFile? Tasks,
    ExportFile? Reports)
{
    public const string BaseName = "base";

    public bool IsBase => Name == BaseName;
}
