using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntelGraph.Cli.Cutover;

/// <summary>The steps of a cutover, in the order the playbook's timeline runs them.</summary>
internal enum CutoverStep
{
    /// <summary>Copies what the new side lacks from the old side while writes still flow, so the freeze carries only the rest.</summary>
    Presync,
    Freeze,
    Backup,
    Export,
    Apply,
    Verify,
    Switch,
    Smoke,
    Unfreeze,
    Watch,
}

/// <summary>How a cutover ended.</summary>
internal enum CutoverOutcome
{
    /// <summary>Traffic is on the new side and writes are open.</summary>
    Completed,

    /// <summary>Traffic went back to the old side, which has every write and is open again.</summary>
    RolledBack,

    /// <summary>The sides did not match before the switch; traffic never moved and the old side is open again.</summary>
    Aborted,
}

/// <summary>One line of the timeline: a step that started or finished, or the cutover's outcome.</summary>
/// <param name="Seconds">How long a finished step took.</param>
/// <param name="Data">What a finished step found or made, such as a ledger cursor or a backup's checksum; a resumed run reads it back.</param>
internal sealed record TimelineEntry(
    DateTimeOffset At,
    string Event,
    CutoverStep? Step = null,
    double? Seconds = null,
    string? Detail = null,
    IReadOnlyDictionary<string, string>? Data = null,
    CutoverOutcome? Outcome = null)
{
    public const string Started = "started";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Ended = "ended";
}

/// <summary>
/// The cutover's timeline, a JSON Lines file in the run folder that is only ever appended to and is
/// flushed to disk after every line. A run killed at any moment resumes from it: the steps it records
/// as done are skipped, and their data are read back.
/// </summary>
internal sealed class CutoverTimeline(string path)
{
    public const string FileName = "timeline.jsonl";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task AppendAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, _json) + "\n");

        await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        if (stream.Length > 0 && EndsWithoutNewline())
        {
            // A kill left half a line; a newline first keeps this entry on a line of its own.
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }

        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private bool EndsWithoutNewline()
    {
        using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        return reader.ReadByte() != '\n';
    }

    /// <summary>Reads every complete entry. A line cut short by a kill is ignored; any other bad line is an error.</summary>
    /// <exception cref="IntelGraph.Core.InvalidInputException">A line other than the last is not a timeline entry.</exception>
    public async Task<List<TimelineEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var text = await File.ReadAllTextAsync(Path, cancellationToken);
        var lines = text.Split('\n');
        var entries = new List<TimelineEntry>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize<TimelineEntry>(lines[index], _json) ?? throw new JsonException("the line is null"));
            }
            catch (JsonException) when (index == lines.Length - 1 || !lines[index].EndsWith('}'))
            {
                // The run was killed while writing this line, so the step it records had not gone on.
            }
            catch (JsonException ex)
            {
                throw new IntelGraph.Core.InvalidInputException(
                    $"{Path}:{index + 1}: not a cutover timeline entry ({ex.Message}). The file records which steps are done; restore it or start a new run folder.");
            }
        }

        return entries;
    }
}
