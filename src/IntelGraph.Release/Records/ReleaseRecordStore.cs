using System.Buffers;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Signing;
using IntelGraph.Release.Evidence;

namespace IntelGraph.Release.Records;

/// <summary>The outcome of verifying one record: its signature and each evidence file's hash.</summary>
public sealed record RecordVerification(string Path, ReleaseRecord? Record, IReadOnlyList<string> Problems)
{
    public bool IsValid => Record is not null && Problems.Count == 0;
}

/// <summary>
/// Writes, lists and verifies release records in one folder: <c>TAG-ENV.json</c> for each record and
/// <c>TAG-ENV/</c> for its evidence files.
/// </summary>
public sealed class ReleaseRecordStore(string folder)
{
    private const string SignatureMember = "signature";

    public string Folder { get; } = folder;

    public string RecordPath(string tag, string environment) => Path.Combine(Folder, $"{tag}-{environment}.json");

    public string EvidenceFolder(string tag, string environment) => Path.Combine(Folder, $"{tag}-{environment}");

    /// <summary>Signs the record with the key and writes it; returns the path.</summary>
    public async Task<string> WriteAsync(ReleaseRecord record, Es256SigningKey key, CancellationToken cancellationToken)
    {
        var unsigned = record with { Signature = null };
        var jws = DetachedJws.Sign(key, SigningPayload(JsonSerializer.SerializeToUtf8Bytes(unsigned, EvidenceJson.Options)));
        var signed = record with { Signature = new RecordSignature(DetachedJws.Algorithm, key.KeyId, jws) };

        Directory.CreateDirectory(Folder);
        var path = RecordPath(record.Tag, record.Environment);
        await File.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(signed, EvidenceJson.Options), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Reads and verifies every record in the folder, ordered by time.</summary>
    public async Task<IReadOnlyList<RecordVerification>> VerifyAllAsync(JsonWebKeySet keys, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var results = new List<RecordVerification>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            results.Add(await VerifyAsync(path, keys, cancellationToken).ConfigureAwait(false));
        }

        return [.. results.OrderBy(result => result.Record?.At ?? DateTimeOffset.MinValue)];
    }

    /// <summary>Verifies one record: the signature over its canonical form, then each evidence file's presence and SHA-256.</summary>
    public async Task<RecordVerification> VerifyAsync(string path, JsonWebKeySet keys, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        ReleaseRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<ReleaseRecord>(bytes, EvidenceJson.Options);
        }
        catch (JsonException ex)
        {
            return new RecordVerification(path, null, [$"not a release record: {ex.Message}"]);
        }

        if (record is null || record.FormatVersion != ReleaseRecord.CurrentFormatVersion)
        {
            return new RecordVerification(path, null, [$"not a release record of format version {ReleaseRecord.CurrentFormatVersion}"]);
        }

        var problems = new List<string>();
        if (record.Signature is null)
        {
            problems.Add("the record is not signed");
        }
        else
        {
            var result = DetachedJws.Verify(record.Signature.Jws, SigningPayload(bytes), keys);
            if (!result.IsValid)
            {
                problems.Add("signature: " + result.Error);
            }
        }

        foreach (var gate in record.Gates)
        {
            var evidencePath = Path.Combine(Folder, gate.Evidence);
            if (!File.Exists(evidencePath))
            {
                problems.Add($"the {gate.Gate} evidence {gate.Evidence} is missing");
                continue;
            }

            var digest = await EvidenceFile.DigestFileAsync(evidencePath, cancellationToken).ConfigureAwait(false);
            if (digest != gate.Sha256)
            {
                problems.Add($"the {gate.Gate} evidence {gate.Evidence} has SHA-256 {digest}, but the record names {gate.Sha256}");
            }
        }

        return new RecordVerification(path, record, problems);
    }

    /// <summary>Returns the RFC 8785 canonical form of the record's JSON without its signature member: the bytes the JWS signs.</summary>
    private static byte[] SigningPayload(ReadOnlySpan<byte> recordJson)
    {
        var output = new ArrayBufferWriter<byte>();
        try
        {
            JsonCanonicalizer.Canonicalize(recordJson, output, SignatureMember);
        }
        catch (Exception ex) when (ex is JsonException or InvalidInputException)
        {
            throw new InvalidInputException($"The release record cannot be put in canonical form: {ex.Message}");
        }

        return output.WrittenSpan.ToArray();
    }
}
