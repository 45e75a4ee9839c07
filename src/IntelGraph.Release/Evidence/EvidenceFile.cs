using System.Security.Cryptography;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Release.Evidence;

/// <summary>Writes and reads evidence files. A file's identity is the SHA-256 of its bytes, which release records store.</summary>
public static class EvidenceFile
{
    /// <summary>Writes the evidence as indented UTF-8 JSON and returns the file's SHA-256 as <c>sha256:</c> + lowercase hex.</summary>
    public static async Task<string> WriteAsync(string path, GateEvidence evidence, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(evidence, EvidenceJson.Options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        return Digest(bytes);
    }

    /// <summary>Returns <c>sha256:</c> + the lowercase hex SHA-256 of the bytes.</summary>
    public static string Digest(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Returns the digest of a file's current bytes.</summary>
    public static async Task<string> DigestFileAsync(string path, CancellationToken cancellationToken) =>
        Digest(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));

    /// <exception cref="InvalidInputException">The file is not an evidence document of this format.</exception>
    public static GateEvidence Parse(ReadOnlySpan<byte> bytes, string path)
    {
        GateEvidence? evidence;
        try
        {
            evidence = JsonSerializer.Deserialize<GateEvidence>(bytes, EvidenceJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{path} is not a valid evidence file: {ex.Message}");
        }

        if (evidence is null || evidence.FormatVersion != GateEvidence.CurrentFormatVersion)
        {
            throw new InvalidInputException(
                $"{path} is not an evidence file of format version {GateEvidence.CurrentFormatVersion}; run the gate again to write a new one.");
        }

        return evidence;
    }
}
