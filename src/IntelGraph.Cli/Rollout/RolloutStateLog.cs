using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// What <c>intelgraph rollout</c> did, as a JSON Lines file that is only ever appended to: one entry
/// when a step is applied and one when its soak ends. A later run reads it to find the steps already
/// completed and resumes at the next.
/// </summary>
internal sealed class RolloutStateLog(string path)
{
    /// <summary>The file name used beside the flags file when <c>--state</c> is not given.</summary>
    public const string DefaultFileName = "rollout-state.jsonl";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static string DefaultPathFor(string flagsFile) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(flagsFile))!, DefaultFileName);

    /// <summary>Appends one entry and flushes it to disk before the caller goes on.</summary>
    public async Task AppendAsync(RolloutStateEntry entry, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, _json) + "\n");
        await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads every entry in file order. A missing file has none.</summary>
    /// <exception cref="IntelGraph.Core.InvalidInputException">A line is not a state entry. The message names the file and line.</exception>
    public async Task<List<RolloutStateEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var entries = new List<RolloutStateEntry>();
        var lines = await File.ReadAllLinesAsync(Path, cancellationToken);
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize<RolloutStateEntry>(lines[index], _json)
                    ?? throw new JsonException("the line is null"));
            }
            catch (JsonException ex)
            {
                throw new IntelGraph.Core.InvalidInputException(
                    $"{Path}:{index + 1}: not a rollout state entry ({ex.Message}). Repair or remove that line; the file records which steps are done.");
            }
        }

        return entries;
    }
}

/// <summary>What became of a step: applied and soaking, completed after a clean soak, or halted and reverted.</summary>
internal enum StepDecision
{
    Applied,
    Completed,
    Reverted,
}

/// <summary>One line of the rollout state file.</summary>
/// <param name="Plan">The full path of the rollout plan.</param>
/// <param name="Step">The step's 1-based number in the plan.</param>
/// <param name="Revision">The flags file's revision after the step was applied, or after it was reverted.</param>
/// <param name="FlagsBefore">The flags file's text before the step, from which a halted step is restored; only on <see cref="StepDecision.Applied"/>.</param>
/// <param name="Soaked">How long the step was watched, in the plan's duration format.</param>
/// <param name="Reads">How many readings the soak took.</param>
/// <param name="Maximum">The highest value of each watched metric over the soak.</param>
/// <param name="Crossed">Why the step was halted: each crossed threshold and firing alert.</param>
internal sealed record RolloutStateEntry(
    DateTimeOffset At,
    StepDecision Decision,
    string Plan,
    string Environment,
    int Step,
    string Name,
    string FlagsFile,
    string Revision,
    string? FlagsBefore = null,
    DateTimeOffset? SoakStarted = null,
    string? Soaked = null,
    int? Reads = null,
    MetricsMaximum? Maximum = null,
    IReadOnlyList<string>? Crossed = null,
    string? ChangedBy = null);

/// <summary>The highest value of each watched metric over a soak, or null where no reading had data.</summary>
internal sealed record MetricsMaximum(
    double? GraphQueryP95Milliseconds,
    double? PolicyDeniedPercent,
    double? BudgetDenialsPerHour,
    double? WalletRevocationsPerHour)
{
    public static MetricsMaximum Empty { get; } = new(null, null, null, null);

    public MetricsMaximum Include(MetricsReading reading) => new(
        Max(GraphQueryP95Milliseconds, reading.GraphQueryP95Milliseconds),
        Max(PolicyDeniedPercent, reading.PolicyDeniedPercent),
        Max(BudgetDenialsPerHour, reading.BudgetDenialsPerHour),
        Max(WalletRevocationsPerHour, reading.WalletRevocationsPerHour));

    private static double? Max(double? current, double? value) =>
        (current, value) switch
        {
            (null, _) => value,
            (_, null) => current,
            _ => Math.Max(current.Value, value.Value),
        };
}
