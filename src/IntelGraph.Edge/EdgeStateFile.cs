using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;

namespace IntelGraph.Edge;

/// <summary>
/// Keeps the <see cref="EdgeState"/> in a JSON file, so a restarted edge sends traffic to the side it
/// had. Each save writes a new file beside the old one, flushes it to disk and then moves it into
/// place, so a crash leaves either the old or the new state, never a mix.
/// </summary>
public sealed class EdgeStateFile(string path)
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Reads the state; a missing file is the initial state, with blue active.</summary>
    /// <exception cref="InvalidInputException">The file is not an edge state file.</exception>
    public async Task<EdgeState> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return EdgeState.Initial;
        }

        var text = await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<EdgeState>(text, _json)
                ?? throw new JsonException("the file contains null");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(
                $"{Path}: not an edge state file ({ex.Message}). Restore it from a backup, or delete it to start with blue active and an empty switch log.");
        }
    }

    public async Task WriteAsync(EdgeState state, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(state, _json) + "\n");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
