using System.Buffers;
using System.Globalization;
using System.Text;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Writer of the bytes a manifest's JWS signs: the RFC 8785 form of its export document without the
/// signature, built straight from the leaves and the tree. Canonicalizing the written document gives the
/// same bytes, but parses and sorts about a megabyte of JSON for every sealed manifest.
/// </summary>
/// <remarks>
/// The members are written in the order RFC 8785 sorts them, and every string goes through the same
/// escaping as <see cref="JsonCanonicalizer"/>. The document's shape is fixed, so only strings need care.
/// </remarks>
internal static class ManifestSigningPayload
{
    // A claim id with a lone surrogate must fail here, as it fails in Utf8JsonWriter on the slow path.
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Printable ASCII except the quote and the backslash: the characters RFC 8785 never escapes.
    private static readonly SearchValues<char> _verbatimAscii = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // Each sealing thread keeps its own buffer, because a manifest's payload is about a megabyte and a new buffer of
    // that size for every manifest would land on the large object heap.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Write(string manifestId, string tenant, string createdAt, string rootHash, IReadOnlyList<ManifestLeaf> leaves, MerkleTree tree)
    {
        var output = new ArrayBufferWriter<byte>(256 + (leaves.Count * 1024));
        Write(output, manifestId, tenant, createdAt, rootHash, leaves, tree);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the payload into this thread's buffer and signs it, so that no megabyte-sized array is allocated per manifest.</summary>
    public static string Sign(Es256SigningKey key, string manifestId, string tenant, string createdAt, string rootHash, IReadOnlyList<ManifestLeaf> leaves, MerkleTree tree)
    {
        var output = t_buffer ??= new ArrayBufferWriter<byte>(256 + (ManifestSealer.DefaultBatchSize * 1024));
        output.ResetWrittenCount();
        Write(output, manifestId, tenant, createdAt, rootHash, leaves, tree);
        return DetachedJws.Sign(key, output.WrittenSpan);
    }

    private static void Write(ArrayBufferWriter<byte> output, string manifestId, string tenant, string createdAt, string rootHash, IReadOnlyList<ManifestLeaf> leaves, MerkleTree tree)
    {

        Raw(output, "{\"algorithm\":");
        Text(output, ManifestExportDocument.TreeAlgorithm);

        Raw(output, ",\"claims\":[");
        for (var i = 0; i < leaves.Count; i++)
        {
            Raw(output, i == 0 ? "{\"hash\":" : ",{\"hash\":");
            Text(output, leaves[i].Digest);
            Raw(output, ",\"id\":");
            Text(output, leaves[i].ClaimId);
            Raw(output, "}");
        }

        Raw(output, "],\"createdAt\":");
        Text(output, createdAt);
        Raw(output, ",\"manifestId\":");
        Text(output, manifestId);

        Raw(output, ",\"proofs\":[");
        var path = new List<byte[]>();
        for (var i = 0; i < leaves.Count; i++)
        {
            Raw(output, i == 0 ? "{\"auditPath\":[" : ",{\"auditPath\":[");
            tree.FillAuditPath(i, path);
            for (var j = 0; j < path.Count; j++)
            {
                Raw(output, j == 0 ? "\"" : ",\"");
                var hex = output.GetSpan(path[j].Length * 2);
                Convert.TryToHexStringLower(path[j], hex, out var written);
                output.Advance(written);
                Raw(output, "\"");
            }

            Raw(output, "],\"claimId\":");
            Text(output, leaves[i].ClaimId);
            Raw(output, ",\"leafIndex\":");
            Raw(output, i.ToString(CultureInfo.InvariantCulture));
            Raw(output, "}");
        }

        Raw(output, "],\"rootHash\":");
        Text(output, rootHash);
        Raw(output, ",\"tenant\":");
        Text(output, tenant);
        Raw(output, ",\"treeSize\":");
        Raw(output, leaves.Count.ToString(CultureInfo.InvariantCulture));
        Raw(output, "}");
    }

    /// <summary>Writes ASCII punctuation, member names and digits as they are.</summary>
    private static void Raw(ArrayBufferWriter<byte> output, string ascii)
    {
        var written = Encoding.ASCII.GetBytes(ascii, output.GetSpan(ascii.Length));
        output.Advance(written);
    }

    /// <summary>Writes a string value with RFC 8785's minimal escaping.</summary>
    private static void Text(ArrayBufferWriter<byte> output, string value)
    {
        // Ids, digests and timestamps are nearly always printable ASCII without quotes or backslashes, which
        // RFC 8785 writes as they are, so they skip the encoder and the escaping pass.
        if (!value.AsSpan().ContainsAnyExcept(_verbatimAscii))
        {
            var span = output.GetSpan(value.Length + 2);
            span[0] = (byte)'"';
            Encoding.ASCII.GetBytes(value, span[1..]);
            span[value.Length + 1] = (byte)'"';
            output.Advance(value.Length + 2);
            return;
        }

        var utf8 = _strictUtf8.GetBytes(value);
        var written = JcsStringCodec.WriteQuoted(utf8, output.GetSpan(2 + (6 * utf8.Length)));
        output.Advance(written);
    }
}
