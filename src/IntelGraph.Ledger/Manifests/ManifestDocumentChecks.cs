using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Manifests;

/// <summary>The checks on one parsed document, collecting failures in the order found.</summary>
internal sealed partial class ManifestDocumentChecks(JsonElement root, List<ManifestCheckFailure> failures)
{
    private const int HashHexLength = MerkleTree.HashSize * 2;

    private sealed record ClaimEntry(string? Id, byte[]? Digest);

    public string? ManifestId { get; } = ReadString(root, "manifestId", failures);

    public void CheckTree()
    {
        ReadString(root, "tenant", failures);
        CheckAlgorithm();
        CheckCreatedAt();

        var rootHash = ReadRootHash();
        var claims = ReadClaims();
        var proofs = ReadArray(root, "proofs", failures);

        CheckCounts(claims, proofs);
        CheckRecomputedRoot(claims, rootHash);

        if (proofs is not null && claims is not null)
        {
            CheckProofs(proofs.Value, claims, rootHash);
        }
    }

    public void CheckSignature(byte[] exportBytes, JsonWebKeySet? keySet)
    {
        if (!root.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.Object)
        {
            Fail(ManifestCheck.Document, "The export document has no \"signature\" object.");
            return;
        }

        var algorithm = ReadString(signature, "alg", failures, "signature.alg");
        var keyId = ReadString(signature, "kid", failures, "signature.kid");
        var jws = ReadString(signature, "jws", failures, "signature.jws");

        if (algorithm is not null && algorithm != DetachedJws.Algorithm)
        {
            Fail(ManifestCheck.Signature, $"signature.alg is '{algorithm}'. Only {DetachedJws.Algorithm} is accepted.");
        }

        if (jws is null || keySet is null)
        {
            return;
        }

        var payload = new ArrayBufferWriter<byte>();
        try
        {
            JsonCanonicalizer.Canonicalize(exportBytes, payload, excludedTopLevelMember: "signature");
        }
        catch (InvalidInputException ex)
        {
            // JsonDocument accepts some JSON that JCS rejects, such as numbers beyond the range of a double.
            Fail(ManifestCheck.Signature, $"The document cannot be canonicalized (RFC 8785) to check its signature: {ex.Message}");
            return;
        }

        var result = DetachedJws.Verify(jws, payload.WrittenSpan, keySet);
        if (keyId is not null && result.KeyId is not null && keyId != result.KeyId)
        {
            Fail(ManifestCheck.KeyId, $"signature.kid is '{keyId}', but the JWS header names kid '{result.KeyId}'.");
        }

        if (!result.IsValid)
        {
            Fail(ManifestCheck.Signature, result.Error!);
        }
    }

    private void CheckAlgorithm()
    {
        var algorithm = ReadString(root, "algorithm", failures);
        if (algorithm is not null && algorithm != ManifestExportDocument.TreeAlgorithm)
        {
            Fail(ManifestCheck.Algorithm, $"algorithm is '{algorithm}'. Only '{ManifestExportDocument.TreeAlgorithm}' is supported.");
        }
    }

    private void CheckCreatedAt()
    {
        var createdAt = ReadString(root, "createdAt", failures);
        if (createdAt is null)
        {
            return;
        }

        var valid = Rfc3339DateTime().IsMatch(createdAt)
            && DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
        if (!valid)
        {
            Fail(ManifestCheck.Document, $"createdAt '{createdAt}' is not an RFC 3339 timestamp such as 2025-06-01T12:00:00.000Z.");
        }
    }

    private byte[]? ReadRootHash()
    {
        var text = ReadString(root, "rootHash", failures);
        if (text is null)
        {
            return null;
        }

        var hash = ParseLowercaseHexHash(text);
        if (hash is null)
        {
            Fail(ManifestCheck.HashFormat, $"rootHash '{text}' is not {HashHexLength} lowercase hex characters.");
        }

        return hash;
    }

    private List<ClaimEntry>? ReadClaims()
    {
        var array = ReadArray(root, "claims", failures);
        if (array is null)
        {
            return null;
        }

        var claims = new List<ClaimEntry>();
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in array.Value.EnumerateArray())
        {
            var index = claims.Count;
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(ManifestCheck.Document, $"claims[{index}] is not a JSON object.");
                claims.Add(new ClaimEntry(null, null));
                continue;
            }

            var id = ReadString(element, "id", failures, $"claims[{index}].id");
            var hash = ReadString(element, "hash", failures, $"claims[{index}].hash");
            byte[]? digest = null;
            if (hash is not null && !ClaimDigest.TryParse(hash, out digest))
            {
                Fail(ManifestCheck.HashFormat, $"Claim '{id}' at index {index} has hash '{hash}', which is not \"{ClaimDigest.Prefix}\" followed by {HashHexLength} lowercase hex characters.");
            }

            if (id is not null && !seenIds.TryAdd(id, index))
            {
                Fail(ManifestCheck.ClaimId, $"Claim '{id}' appears at index {seenIds[id]} and again at index {index}. A manifest seals each claim once.");
            }

            claims.Add(new ClaimEntry(id, digest));
        }

        return claims;
    }

    private void CheckCounts(List<ClaimEntry>? claims, JsonElement? proofs)
    {
        if (!root.TryGetProperty("treeSize", out var treeSizeElement)
            || treeSizeElement.ValueKind != JsonValueKind.Number
            || !treeSizeElement.TryGetInt64(out var treeSize)
            || treeSize < 0)
        {
            Fail(ManifestCheck.Document, "treeSize is missing or not a non-negative integer.");
        }
        else if (claims is not null && treeSize != claims.Count)
        {
            Fail(ManifestCheck.TreeSize, $"treeSize is {treeSize}, but the document lists {claims.Count} claims.");
        }

        if (claims is not null && proofs is not null && proofs.Value.GetArrayLength() != claims.Count)
        {
            Fail(ManifestCheck.TreeSize, $"The document lists {proofs.Value.GetArrayLength()} proofs for {claims.Count} claims. Each claim needs exactly one proof.");
        }
    }

    private void CheckRecomputedRoot(List<ClaimEntry>? claims, byte[]? rootHash)
    {
        // A missing or malformed hash is already reported, and without it there is no root to compare.
        if (claims is null || rootHash is null || claims.Any(claim => claim.Digest is null))
        {
            return;
        }

        var tree = new MerkleTree([.. claims.Select(claim => claim.Digest!)]);
        var recomputed = tree.GetRootHash();
        if (!recomputed.AsSpan().SequenceEqual(rootHash))
        {
            Fail(ManifestCheck.RootHash, $"rootHash is {Convert.ToHexStringLower(rootHash)}, but the {claims.Count} claim hashes give root {Convert.ToHexStringLower(recomputed)}.");
        }
    }

    private void CheckProofs(JsonElement proofs, List<ClaimEntry> claims, byte[]? rootHash)
    {
        var index = 0;
        foreach (var proof in proofs.EnumerateArray())
        {
            // Proofs beyond the claims are already reported by the count check.
            if (index >= claims.Count)
            {
                break;
            }

            CheckProof(proof, index, claims, rootHash);
            index++;
        }
    }

    private void CheckProof(JsonElement proof, int index, List<ClaimEntry> claims, byte[]? rootHash)
    {
        var claim = claims[index];
        if (proof.ValueKind != JsonValueKind.Object)
        {
            Fail(ManifestCheck.Document, $"proofs[{index}] is not a JSON object.");
            return;
        }

        var claimId = ReadString(proof, "claimId", failures, $"proofs[{index}].claimId");
        if (claimId is not null && claim.Id is not null && claimId != claim.Id)
        {
            Fail(ManifestCheck.ClaimId, $"proofs[{index}] is for claim '{claimId}', but the claim at index {index} is '{claim.Id}'.");
        }

        if (!proof.TryGetProperty("leafIndex", out var leafIndexElement)
            || leafIndexElement.ValueKind != JsonValueKind.Number
            || !leafIndexElement.TryGetInt64(out var leafIndex))
        {
            Fail(ManifestCheck.Document, $"proofs[{index}].leafIndex (claim '{claim.Id}') is missing or not an integer.");
        }
        else if (leafIndex != index)
        {
            Fail(ManifestCheck.LeafIndex, $"proofs[{index}] (claim '{claim.Id}') has leafIndex {leafIndex}. It must be {index}, its position in the claims list.");
        }

        var auditPath = ReadAuditPath(proof, index, claim.Id);
        if (auditPath is null || claim.Digest is null || rootHash is null)
        {
            return;
        }

        // The tree size is the number of claims rather than treeSize: a wrong treeSize is reported once
        // by the count check instead of failing every proof.
        var leafHash = MerkleTree.HashLeaf(claim.Digest);
        if (!InclusionProof.Verify(leafHash, index, claims.Count, auditPath, rootHash))
        {
            Fail(ManifestCheck.AuditPath, $"The audit path of claim '{claim.Id}' (leaf {index} of {claims.Count}) does not reproduce rootHash from the claim's hash.");
        }
    }

    private List<byte[]>? ReadAuditPath(JsonElement proof, int index, string? claimId)
    {
        if (!proof.TryGetProperty("auditPath", out var pathElement) || pathElement.ValueKind != JsonValueKind.Array)
        {
            Fail(ManifestCheck.Document, $"proofs[{index}].auditPath (claim '{claimId}') is missing or not an array.");
            return null;
        }

        var path = new List<byte[]>();
        var valid = true;
        foreach (var element in pathElement.EnumerateArray())
        {
            var hash = JsonElementText.TryGetString(element, out var text) ? ParseLowercaseHexHash(text) : null;
            if (hash is null)
            {
                Fail(ManifestCheck.HashFormat, $"proofs[{index}].auditPath[{path.Count}] (claim '{claimId}') is not {HashHexLength} lowercase hex characters.");
                valid = false;
                hash = [];
            }

            path.Add(hash);
        }

        return valid ? path : null;
    }

    private static string? ReadString(
        JsonElement parent,
        string name,
        List<ManifestCheckFailure> failures,
        string? path = null)
    {
        if (parent.TryGetProperty(name, out var element) && JsonElementText.TryGetString(element, out var value))
        {
            return value;
        }

        failures.Add(new ManifestCheckFailure(ManifestCheck.Document, $"{path ?? name} is missing or not a string of valid Unicode text."));
        return null;
    }

    private static JsonElement? ReadArray(JsonElement parent, string name, List<ManifestCheckFailure> failures)
    {
        if (parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Array)
        {
            return element;
        }

        failures.Add(new ManifestCheckFailure(ManifestCheck.Document, $"{name} is missing or not an array."));
        return null;
    }

    private void Fail(ManifestCheck check, string message)
    {
        failures.Add(new ManifestCheckFailure(check, message));
    }

    /// <summary>Returns the 32 bytes of a lowercase hex hash, or null when the text is not exactly that.</summary>
    private static byte[]? ParseLowercaseHexHash(string? text)
    {
        if (text is null || !LowercaseHexHash().IsMatch(text))
        {
            return null;
        }

        return Convert.FromHexString(text);
    }

    // \z rather than $, because $ also matches before a final "\n".
    [GeneratedRegex(@"^[0-9a-f]{64}\z")]
    private static partial Regex LowercaseHexHash();

    // RFC 3339 date-time: full date, "T", full time with optional fraction, and "Z" or a numeric offset.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex Rfc3339DateTime();
}
