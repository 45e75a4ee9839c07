namespace IntelGraph.Ledger.Merkle;

/// <summary>
/// Verification of RFC 9162 inclusion proofs (audit paths) with the algorithm of RFC 9162, section 2.1.3.2.
/// </summary>
public static class InclusionProof
{
    /// <summary>
    /// Recomputes the root hash from a leaf hash, the leaf's index, the tree size and the leaf's audit
    /// path, nearest sibling first.
    /// </summary>
    /// <returns>
    /// False when the proof cannot belong to a tree of that size: the index is not below the tree size,
    /// the path has too many or too few hashes, or a hash is not <see cref="MerkleTree.HashSize"/> bytes.
    /// </returns>
    public static bool TryComputeRoot(
        ReadOnlySpan<byte> leafHash,
        long leafIndex,
        long treeSize,
        IReadOnlyList<byte[]> auditPath,
        out byte[] rootHash)
    {
        ArgumentNullException.ThrowIfNull(auditPath);

        rootHash = [];
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleTree.HashSize)
        {
            return false;
        }

        // fn is the index of the current node on its level and sn the index of that level's last
        // node. Both shift right as the walk goes up one level.
        var fn = leafIndex;
        var sn = treeSize - 1;
        var current = leafHash.ToArray();
        foreach (var sibling in auditPath)
        {
            if (sn == 0 || sibling is null || sibling.Length != MerkleTree.HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                current = MerkleTree.HashChildren(sibling, current);

                // When fn is even here, it is the right-most node of its level and has no sibling.
                // It was carried up unchanged, so skip the levels where that happened.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                current = MerkleTree.HashChildren(current, sibling);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // A path that ends below the root has too few hashes.
        if (sn != 0)
        {
            return false;
        }

        rootHash = current;
        return true;
    }

    /// <summary>Returns whether the audit path proves that the leaf hash is at the index in the tree with the given root.</summary>
    public static bool Verify(
        ReadOnlySpan<byte> leafHash,
        long leafIndex,
        long treeSize,
        IReadOnlyList<byte[]> auditPath,
        ReadOnlySpan<byte> expectedRootHash)
    {
        return TryComputeRoot(leafHash, leafIndex, treeSize, auditPath, out var rootHash)
            && rootHash.AsSpan().SequenceEqual(expectedRootHash);
    }
}
