using System.Globalization;
using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Generates an invented legacy pilot export, laid out file for file like a real one (base export
/// plus <c>deltas/NNNN</c>), with optional faults, and returns what a correct import must do with
/// each record. The same options give byte-identical files.
/// </summary>
/// <remarks>
/// Files are streamed. Memory keeps the entity ids (about 10 MB per million claims), a bounded sample
/// of tasks for later state changes, and the expected quarantine entries. Generation is synchronous:
/// it runs on the calling thread plus one worker thread that serializes and hashes claims, so a caller
/// that must stay responsive starts it from a background thread.
/// </remarks>
public sealed class PilotExportGenerator
{
    /// <summary>The last delta's watermark: it covers everything after its <c>since</c>, as the pilot's export writes it.</summary>
    private const string OpenEndedWatermark = "9999-12-31T00:00:00.000Z";

    private const int MaxDeltas = 9999;
    private const double MaxFaultRate = 0.1;

    // Task state changes per delta claim, near the pilot's first delta (13 changes for 244 claims).
    private const double TaskUpdatesPerClaim = 0.05;

    // Base records are dated in the eight years before the write freeze.
    private static readonly TimeSpan _baseHistory = TimeSpan.FromDays(8 * 365);

    public PilotExportGenerator(PilotExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
    }

    public PilotExportOptions Options { get; }

    /// <summary>
    /// Writes the export into <paramref name="outputDirectory"/>, which must be missing or empty so no
    /// file of another export is mixed in, and returns the expected outcome of importing it.
    /// </summary>
    /// <param name="progress">Receives the number of <c>claims.json</c> elements written so far, across all parts,
    /// every 8,192 elements and at the end of each part. Reports come from the claims worker thread as well as the calling thread.</param>
    /// <param name="cancellationToken">Checked every 1,024 claims. A cancelled run leaves the files it has written so far in place.</param>
    /// <exception cref="InvalidInputException">The output directory is not empty.</exception>
    public PilotExportManifest Generate(string outputDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        string root = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new InvalidInputException(
                $"The output directory '{root}' is not empty. Generate the export into a new or empty directory.");
        }

        Directory.CreateDirectory(root);

        var random = new Random(Options.Seed);
        IReadOnlyList<SamplePartPlan> parts = PlanParts(Options);
        var catalog = SampleEntityCatalog.Create(random, parts, (Options.Faults & PilotExportFaults.MessyCsvFields) != 0);
        var run = new SampleExportRun(Options, root, random, parts, catalog, progress);

        var accounting = new List<ExpectedPartAccounting>(parts.Count);
        foreach (SamplePartPlan part in parts)
        {
            accounting.Add(new ExportPartWriter(run, part).Write(cancellationToken));
        }

        return new PilotExportManifest(Options.Tenant, Options.Seed, accounting);
    }

    private static List<SamplePartPlan> PlanParts(PilotExportOptions options)
    {
        long freeze = options.WriteFreeze.UtcTicks;
        string freezeText = SampleRandom.FormatTimestamp(freeze);
        var parts = new List<SamplePartPlan>(options.Deltas + 1)
        {
            new(0, "", options.Claims, freeze - _baseHistory.Ticks, freeze, Since: null, freezeText, TaskUpdates: 0),
        };

        int taskUpdates = (int)Math.Max(1, Math.Round(options.ClaimsPerDelta * TaskUpdatesPerClaim));
        long since = freeze;
        for (int delta = 1; delta <= options.Deltas; delta++)
        {
            long end = since + options.DeltaInterval.Ticks;
            string watermark = delta == options.Deltas ? OpenEndedWatermark : SampleRandom.FormatTimestamp(end);
            string directory = "deltas/" + delta.ToString("D4", CultureInfo.InvariantCulture);
            parts.Add(new SamplePartPlan(delta, directory, options.ClaimsPerDelta, since, end, SampleRandom.FormatTimestamp(since), watermark, taskUpdates));
            since = end;
        }

        return parts;
    }

    private static void Validate(PilotExportOptions options)
    {
        if (!TenantId.TryParse(options.Tenant, out _))
        {
            throw new InvalidInputException(
                $"Invalid tenant name '{options.Tenant}': use 1 to 63 characters of lowercase letters, digits, '-' or '_', starting with a letter or digit.");
        }

        if (options.Claims < 1)
        {
            throw new InvalidInputException($"Invalid claim count {options.Claims}: the base export needs at least 1 claim.");
        }

        if (options.Deltas is < 0 or > MaxDeltas)
        {
            throw new InvalidInputException($"Invalid delta count {options.Deltas}: use 0 to {MaxDeltas}.");
        }

        if (options.Deltas > 0 && options.ClaimsPerDelta < 1)
        {
            throw new InvalidInputException($"Invalid claims per delta {options.ClaimsPerDelta}: each delta needs at least 1 claim.");
        }

        if (!(options.FaultRate is >= 0 and <= MaxFaultRate))
        {
            throw new InvalidInputException(
                $"Invalid fault rate {options.FaultRate.ToString(CultureInfo.InvariantCulture)}: use a share between 0 and {MaxFaultRate.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (options.DeltaInterval <= TimeSpan.Zero)
        {
            throw new InvalidInputException($"Invalid delta interval {options.DeltaInterval}: it must be positive.");
        }

        long freeze = options.WriteFreeze.UtcTicks;
        long latestEnd = new DateTime(9999, 1, 1).Ticks;
        bool fits = freeze - _baseHistory.Ticks >= DateTime.MinValue.Ticks
            && options.DeltaInterval.Ticks <= (latestEnd - freeze) / Math.Max(1, options.Deltas);
        if (!fits)
        {
            throw new InvalidInputException(
                $"Invalid write freeze {options.WriteFreeze:O}: the {_baseHistory.Days} days of base history before it and "
                + $"{options.Deltas} deltas of {options.DeltaInterval} after it must fall between the years 1 and 9998.");
        }
    }
}
