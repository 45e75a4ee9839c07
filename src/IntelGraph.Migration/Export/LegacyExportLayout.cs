using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// The parts of a legacy pilot export in the order they must be applied: the base, whose files sit at the
/// export's root, then each <c>deltas/NNNN/</c> folder in numeric order. Every part has the same layout:
/// <c>export.json</c>, <c>claims.json</c>, <c>claim_ids.txt</c>, <c>graph/entities.csv</c>,
/// <c>graph/edges.csv</c> and <c>legacy/legacy_{cases,tasks,reports}.csv</c>.
/// </summary>
public sealed class LegacyExportLayout
{
    private const string DeltasFolder = "deltas";

    private LegacyExportLayout(string rootDirectory, IReadOnlyList<ExportPart> parts)
    {
        RootDirectory = rootDirectory;
        Parts = parts;
    }

    /// <summary>The full path of the export's root folder.</summary>
    public string RootDirectory { get; }

    /// <summary>The base first, then the deltas in numeric order.</summary>
    public IReadOnlyList<ExportPart> Parts { get; }

    /// <summary>
    /// Finds the parts of the export at <paramref name="rootDirectory"/>. Raises <see cref="InvalidInputException"/>
    /// when the folder is missing or unreadable, has no <c>claims.json</c>, or has a folder under <c>deltas/</c>
    /// whose name is not a number.
    /// </summary>
    public static LegacyExportLayout Discover(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);

        var root = Path.GetFullPath(rootDirectory);
        if (!Directory.Exists(root))
        {
            throw new InvalidInputException($"The export folder {root} was not found. Pass the export's root folder, the one that contains claims.json.");
        }

        var basePart = DescribePart(root, ExportPart.BaseName, folder: "");
        if (basePart.Claims is null)
        {
            throw new InvalidInputException(
                $"The export folder {root} has no claims.json, which the base of every pilot export has. Pass the export's root folder, not one of its subfolders.");
        }

        var parts = new List<ExportPart> { basePart };
        foreach (var delta in FindDeltaFolders(root))
        {
            var folder = $"{DeltasFolder}/{delta}";
            parts.Add(DescribePart(root, folder, folder + "/"));
        }

        return new LegacyExportLayout(root, parts);
    }

    private static ExportPart DescribePart(string root, string name, string folder)
    {
        ExportFile? Find(string path)
        {
            var file = new ExportFile(root, folder + path);
            return File.Exists(file.FullPath) ? file : null;
        }

        return new ExportPart(
            name,
            Manifest: Find("export.json"),
            Claims: Find("claims.json"),
            ClaimIds: Find("claim_ids.txt"),
            Entities: Find("graph/entities.csv"),
            Edges: Find("graph/edges.csv"),
            Cases: Find("legacy/legacy_cases.csv"),
            Tasks: Find("legacy/legacy_tasks.csv"),
            Reports: Find("legacy/legacy_reports.csv"));
    }

    /// <summary>Returns the names of the delta folders in numeric order, so that 0010 follows 0009 even when names differ in width.</summary>
    private static List<string> FindDeltaFolders(string root)
    {
        var deltasPath = Path.Combine(root, DeltasFolder);
        if (!Directory.Exists(deltasPath))
        {
            return [];
        }

        string[] folders;
        try
        {
            folders = Directory.GetDirectories(deltasPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Failed to list the delta folders in {deltasPath}: {exception.Message}", exception);
        }

        var deltas = new List<string>();
        foreach (var name in folders.Select(Path.GetFileName).OfType<string>())
        {
            // A folder that is not a delta may contain changes that were meant to be applied, so it is an error, not skipped.
            if (name.Length == 0 || !name.All(char.IsAsciiDigit))
            {
                throw new InvalidInputException(
                    $"The folder {DeltasFolder}/{name} in {root} is not a delta, because delta folders are named with digits only, such as 0001. Move or rename it.");
            }

            deltas.Add(name);
        }

        deltas.Sort(CompareNumbers);
        for (var i = 1; i < deltas.Count; i++)
        {
            if (CompareNumbers(deltas[i - 1], deltas[i]) == 0)
            {
                throw new InvalidInputException(
                    $"The folders {DeltasFolder}/{deltas[i - 1]} and {DeltasFolder}/{deltas[i]} in {root} have the same delta number. Keep only one of them.");
            }
        }

        return deltas;
    }

    /// <summary>Compares two strings of digits by the numbers they write, without a limit on their length.</summary>
    private static int CompareNumbers(string left, string right)
    {
        var leftDigits = left.AsSpan().TrimStart('0');
        var rightDigits = right.AsSpan().TrimStart('0');
        return leftDigits.Length != rightDigits.Length
            ? leftDigits.Length.CompareTo(rightDigits.Length)
            : leftDigits.SequenceCompareTo(rightDigits);
    }
}
