using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Audit;

/// <summary>
/// The append-only flags audit log: a JSON Lines file with one <see cref="FlagAuditEntry"/> per line.
/// Entries are only ever appended, each batch in one write that is flushed to disk before the change
/// takes effect. The latest entry per environment and flag is also the baseline a restarted server
/// compares the file against, so a change made while no server ran is still recorded.
/// </summary>
public sealed class FlagAuditLog(string path)
{
    /// <summary>The file name used beside the flags file when no audit log path is configured.</summary>
    public const string DefaultFileName = "flags-audit.jsonl";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        IgnoreReadOnlyProperties = true,
    };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Returns the default audit log path for a flags file: <see cref="DefaultFileName"/> in the same folder.</summary>
    public static string DefaultPathFor(string flagsFile) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(flagsFile))!, DefaultFileName);

    /// <summary>Appends the entries as one write and flushes it to disk; the folder is created if needed.</summary>
    /// <exception cref="IOException">The log could not be written; nothing or a partial last line was written.</exception>
    public async Task AppendAsync(IReadOnlyList<FlagAuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, _json)).Append('\n');
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Reads every entry in file order; a missing file has none.</summary>
    /// <returns>The entries, and the 1-based numbers of lines that are not valid entries (such as a last line cut short by a crash).</returns>
    public async Task<(List<FlagAuditEntry> Entries, List<int> InvalidLines)> ReadAsync(CancellationToken cancellationToken)
    {
        var entries = new List<FlagAuditEntry>();
        var invalid = new List<int>();
        if (!File.Exists(Path))
        {
            return (entries, invalid);
        }

        var lines = await File.ReadAllLinesAsync(Path, cancellationToken).ConfigureAwait(false);
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<FlagAuditEntry>(lines[index], _json) is { Flag: not null, Environment: not null } entry)
                {
                    entries.Add(entry);
                    continue;
                }
            }
            catch (JsonException)
            {
                // Counted below; the caller decides whether to log it.
            }

            invalid.Add(index + 1);
        }

        return (entries, invalid);
    }

    /// <summary>Returns the latest recorded setting of each environment and flag; a flag whose last entry removed it is left out.</summary>
    public static Dictionary<FlagKey, FlagSetting> LatestSettings(IEnumerable<FlagAuditEntry> entries)
    {
        var settings = new Dictionary<FlagKey, FlagSetting>();
        foreach (var entry in entries)
        {
            var key = new FlagKey(entry.Environment, entry.Flag);
            if (entry.After is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = entry.After;
            }
        }

        return settings;
    }
}
