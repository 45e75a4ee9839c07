using System.Buffers;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// The manifest export document: the manifest's claims in leaf order, one RFC 9162 audit path per claim
/// and the detached JWS over the document. Anyone holding the document and the tenant's JWK Set can
/// verify it offline with <see cref="ManifestVerifier"/>.
/// </summary>
/// <remarks>
/// The signed payload is the RFC 8785 (JCS) form of the document without its <c>signature</c> member,
/// so the white space and member order of the written file do not affect the signature.
/// </remarks>
public sealed class ManifestExportDocument
{
    /// <summary>The value of the document's <c>algorithm</c> member: RFC 9162 Merkle trees with SHA-256.</summary>
    public const string TreeAlgorithm = "rfc9162-sha256";

    private readonly string _manifestId;
    private readonly TenantId _tenant;
    private readonly string _rootHash;
    private readonly string _createdAt;
    private readonly IReadOnlyList<ManifestLeaf> _leaves;
    private readonly MerkleTree _tree;
    private readonly string? _keyId;
    private readonly string? _jws;

    private ManifestExportDocument(
        string manifestId,
        TenantId tenant,
        string createdAt,
        IReadOnlyList<ManifestLeaf> leaves,
        MerkleTree tree,
        string? keyId,
        string? jws)
    {
        _manifestId = manifestId;
        _tenant = tenant;
        _rootHash = Convert.ToHexStringLower(tree.GetRootHash());
        _createdAt = createdAt;
        _leaves = leaves;
        _tree = tree;
        _keyId = keyId;
        _jws = jws;
    }

    /// <summary>The lowercase hex root hash of the document's tree.</summary>
    internal string RootHash => _rootHash;

    /// <summary>
    /// Builds the export document of a sealed manifest, recomputing the tree and audit paths from its leaves.
    /// </summary>
    /// <exception cref="IntegrityException">
    /// A leaf digest is malformed, or the root recomputed from the leaves is not the manifest's root hash.
    /// </exception>
    public static ManifestExportDocument FromManifest(SealedManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);

        var tree = BuildTree(manifest.Id, manifest.Leaves);
        var document = new ManifestExportDocument(
            manifest.Id,
            manifest.Tenant,
            manifest.CreatedAt,
            manifest.Leaves,
            tree,
            manifest.KeyId,
            manifest.Jws);

        if (!string.Equals(document._rootHash, manifest.RootHash, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"Manifest '{manifest.Id}' of tenant '{manifest.Tenant}' stores root hash {manifest.RootHash}, but its {manifest.TreeSize} leaves give {document._rootHash}. The stored manifest is damaged. Restore the manifest record from a backup.");
        }

        return document;
    }

    /// <summary>Builds a document that has no signature yet, so that its signing payload can be signed.</summary>
    internal static ManifestExportDocument CreateUnsigned(
        string manifestId,
        TenantId tenant,
        string createdAt,
        IReadOnlyList<ManifestLeaf> leaves,
        MerkleTree tree)
    {
        return new ManifestExportDocument(manifestId, tenant, createdAt, leaves, tree, keyId: null, jws: null);
    }

    /// <summary>
    /// Parses each leaf's "sha256:&lt;hex&gt;" digest into the 32 raw bytes that are its leaf input and
    /// builds the tree over them.
    /// </summary>
    /// <exception cref="IntegrityException">A digest is not "sha256:" followed by 64 lowercase hex characters.</exception>
    internal static MerkleTree BuildTree(string manifestId, IReadOnlyList<ManifestLeaf> leaves)
    {
        var leafInputs = new byte[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            if (!ClaimDigest.TryParse(leaves[i].Digest, out var digestBytes))
            {
                throw new IntegrityException(
                    $"Leaf {i} (claim '{leaves[i].ClaimId}') of manifest '{manifestId}' has digest '{leaves[i].Digest}', which is not \"sha256:\" followed by 64 lowercase hex characters.");
            }

            leafInputs[i] = digestBytes;
        }

        return new MerkleTree(leafInputs);
    }

    /// <summary>Writes the document, with its signature, as UTF-8 JSON.</summary>
    /// <exception cref="InvalidOperationException">The document has not been signed.</exception>
    public byte[] ToJsonBytes(bool indented = true)
    {
        if (_keyId is null || _jws is null)
        {
            throw new InvalidOperationException(
                $"The export document of manifest '{_manifestId}' has no signature yet. Only a sealed manifest can be exported.");
        }

        return Write(includeSignature: true, indented);
    }

    /// <summary>Returns the bytes the manifest's JWS signs: JCS of the document without its signature member.</summary>
    internal byte[] CreateSigningPayload()
    {
        return ManifestSigningPayload.Write(_manifestId, _tenant.Value, _createdAt, _rootHash, _leaves, _tree);
    }

    /// <summary>Signs the signing payload with the tenant's key and returns the detached JWS.</summary>
    internal string SignPayload(Es256SigningKey key)
    {
        return ManifestSigningPayload.Sign(key, _manifestId, _tenant.Value, _createdAt, _rootHash, _leaves, _tree);
    }

    /// <summary>Returns the signing payload the slow way, by canonicalizing the written document, for tests to compare against.</summary>
    internal byte[] CanonicalizeUnsignedDocument()
    {
        return JsonCanonicalizer.Canonicalize(Write(includeSignature: false, indented: false));
    }

    private byte[] Write(bool includeSignature, bool indented)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteString("manifestId", _manifestId);
            writer.WriteString("tenant", _tenant.Value);
            writer.WriteString("algorithm", TreeAlgorithm);
            writer.WriteNumber("treeSize", _leaves.Count);
            writer.WriteString("rootHash", _rootHash);
            writer.WriteString("createdAt", _createdAt);

            WriteClaims(writer);
            WriteProofs(writer);

            if (includeSignature)
            {
                writer.WriteStartObject("signature");
                writer.WriteString("alg", DetachedJws.Algorithm);
                writer.WriteString("kid", _keyId);
                writer.WriteString("jws", _jws);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private void WriteClaims(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("claims");
        foreach (var leaf in _leaves)
        {
            writer.WriteStartObject();
            writer.WriteString("id", leaf.ClaimId);
            writer.WriteString("hash", leaf.Digest);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteProofs(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("proofs");
        var path = new List<byte[]>();
        Span<byte> hex = stackalloc byte[2 * MerkleTree.HashSize];
        for (var i = 0; i < _leaves.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("claimId", _leaves[i].ClaimId);
            writer.WriteNumber("leafIndex", i);
            writer.WriteStartArray("auditPath");
            _tree.FillAuditPath(i, path);
            foreach (var sibling in path)
            {
                Convert.TryToHexStringLower(sibling, hex, out var written);
                writer.WriteStringValue(hex[..written]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
