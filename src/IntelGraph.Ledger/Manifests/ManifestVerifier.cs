using System.Text.Json;
using System.Text.Unicode;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Offline verification of a manifest export document against a JWK Set, with nothing else: no store and
/// no network. Once the document parses as a JSON object, every check runs even after another fails, so
/// the result lists all failed checks at once.
/// </summary>
public static class ManifestVerifier
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Verifies an export document with the JWK Set file's contents. Never throws on malformed input:
    /// invalid JSON in either file is a failed check.
    /// </summary>
    public static ManifestVerificationResult Verify(ReadOnlySpan<byte> exportJson, ReadOnlySpan<byte> jwkSetJson)
    {
        var failures = new List<ManifestCheckFailure>();
        if (!JsonWebKeySet.TryParse(jwkSetJson, out var keySet, out var error))
        {
            failures.Add(new ManifestCheckFailure(ManifestCheck.KeySet, error));
        }

        return Verify(exportJson, keySet, failures);
    }

    /// <summary>Verifies an export document with a key set. Never throws on malformed input.</summary>
    public static ManifestVerificationResult Verify(ReadOnlySpan<byte> exportJson, JsonWebKeySet keySet)
    {
        ArgumentNullException.ThrowIfNull(keySet);

        return Verify(exportJson, keySet, []);
    }

    private static ManifestVerificationResult Verify(
        ReadOnlySpan<byte> exportJson,
        JsonWebKeySet? keySet,
        List<ManifestCheckFailure> failures)
    {
        // RFC 8259 lets a parser ignore a leading byte order mark, which some editors add on save. The
        // signature covers the canonical form, so dropping the mark changes nothing that is signed.
        if (exportJson.StartsWith(Utf8ByteOrderMark))
        {
            exportJson = exportJson[Utf8ByteOrderMark.Length..];
        }

        var exportBytes = exportJson.ToArray();
        if (!Utf8.IsValid(exportBytes))
        {
            failures.Add(new ManifestCheckFailure(ManifestCheck.Document, "The export document is not valid UTF-8 text."));
            return new ManifestVerificationResult(null, failures);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(exportBytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            failures.Add(new ManifestCheckFailure(ManifestCheck.Document, $"The export document is not valid JSON: {ex.Message}"));
            return new ManifestVerificationResult(null, failures);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                failures.Add(new ManifestCheckFailure(ManifestCheck.Document, "The export document is not a JSON object."));
                return new ManifestVerificationResult(null, failures);
            }

            var run = new ManifestDocumentChecks(document.RootElement, failures);
            run.CheckTree();
            run.CheckSignature(exportBytes, keySet);

            return new ManifestVerificationResult(run.ManifestId, failures);
        }
    }
}
