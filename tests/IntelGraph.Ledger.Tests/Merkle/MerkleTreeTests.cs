using System.Security.Cryptography;
using IntelGraph.Ledger.Merkle;

namespace IntelGraph.Ledger.Tests.Merkle;

public sealed class MerkleTreeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1000)]
    public void Root_matches_naive_definition(int size)
    {
        var inputs = NaiveMerkle.CreateLeafInputs(size);

        var tree = new MerkleTree(inputs);

        Assert.Equal(size, tree.Size);
        Assert.Equal(Convert.ToHexStringLower(NaiveMerkle.TreeHash(inputs)), Convert.ToHexStringLower(tree.GetRootHash()));
    }

    [Fact]
    public void Empty_tree_root_is_empty_string_hash()
    {
        var tree = new MerkleTree([]);

        Assert.Equal(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Convert.ToHexStringLower(tree.GetRootHash()));
    }

    [Fact]
    public void Single_leaf_root_is_leaf_hash()
    {
        var input = NaiveMerkle.CreateLeafInputs(1)[0];

        var tree = new MerkleTree([input]);

        var expected = SHA256.HashData([0x00, .. input]);
        Assert.Equal(expected, tree.GetRootHash());
        Assert.Equal(expected, tree.GetLeafHash(0));
        Assert.Empty(tree.GetAuditPath(0));
    }

    [Fact]
    public void Audit_paths_match_naive_definition()
    {
        for (var size = 1; size <= 70; size++)
        {
            var inputs = NaiveMerkle.CreateLeafInputs(size);
            var tree = new MerkleTree(inputs);

            for (var index = 0; index < size; index++)
            {
                var expected = NaiveMerkle.AuditPath(index, inputs).Select(Convert.ToHexStringLower).ToList();
                var actual = tree.GetAuditPath(index).Select(Convert.ToHexStringLower).ToList();
                Assert.True(expected.SequenceEqual(actual), $"Audit path of leaf {index} in a tree of {size} differs from the naive definition.");
            }
        }
    }

    [Fact]
    public void Every_audit_path_verifies()
    {
        for (var size = 1; size <= 70; size++)
        {
            var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(size));
            var root = tree.GetRootHash();

            for (var index = 0; index < size; index++)
            {
                var verified = InclusionProof.Verify(tree.GetLeafHash(index), index, size, tree.GetAuditPath(index), root);
                Assert.True(verified, $"Audit path of leaf {index} in a tree of {size} does not verify.");
            }
        }
    }

    [Fact]
    public void Recomputed_root_equals_tree_root()
    {
        var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(13));

        var computed = InclusionProof.TryComputeRoot(tree.GetLeafHash(12), 12, 13, tree.GetAuditPath(12), out var root);

        Assert.True(computed);
        Assert.Equal(tree.GetRootHash(), root);
    }

    [Fact]
    public void Tampered_audit_paths_fail()
    {
        for (var size = 1; size <= 70; size++)
        {
            var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(size));
            var root = tree.GetRootHash();

            for (var index = 0; index < size; index++)
            {
                var leafHash = tree.GetLeafHash(index);
                var path = tree.GetAuditPath(index);
                var context = $"leaf {index} of {size}";

                for (var position = 0; position < path.Count; position++)
                {
                    var flipped = path.Select(hash => (byte[])hash.Clone()).ToList();
                    flipped[position][0] ^= 0x01;
                    Assert.False(InclusionProof.Verify(leafHash, index, size, flipped, root), $"{context}: flipped sibling {position} verified.");
                }

                var tamperedLeaf = (byte[])leafHash.Clone();
                tamperedLeaf[^1] ^= 0x80;
                Assert.False(InclusionProof.Verify(tamperedLeaf, index, size, path, root), $"{context}: tampered leaf hash verified.");

                var tamperedRoot = (byte[])root.Clone();
                tamperedRoot[0] ^= 0x01;
                Assert.False(InclusionProof.Verify(leafHash, index, size, path, tamperedRoot), $"{context}: tampered root verified.");

                Assert.False(InclusionProof.Verify(leafHash, index, size, [.. path, root], root), $"{context}: path with an extra hash verified.");

                if (path.Count > 0)
                {
                    Assert.False(InclusionProof.Verify(leafHash, index, size, path.Take(path.Count - 1).ToList(), root), $"{context}: truncated path verified.");
                }

                if (size > 1)
                {
                    var otherIndex = (index + 1) % size;
                    Assert.False(InclusionProof.Verify(leafHash, otherIndex, size, path, root), $"{context}: path verified at index {otherIndex}.");
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 5, 4)]
    [InlineData(4, 5, 6)]
    [InlineData(6, 7, 8)]
    public void Verify_rejects_path_of_other_shape(int index, int size, int claimedSize)
    {
        // The tree size fixes the shape of the path. A size whose path for the same index has a different
        // shape must fail, while a size with the same shape proves the same thing and may pass.
        var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(size));

        var verified = InclusionProof.Verify(tree.GetLeafHash(index), index, claimedSize, tree.GetAuditPath(index), tree.GetRootHash());

        Assert.False(verified);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    public void Verify_rejects_index_outside_tree(long index, long size)
    {
        var leafHash = new byte[MerkleTree.HashSize];

        var computed = InclusionProof.TryComputeRoot(leafHash, index, size, [], out _);

        Assert.False(computed);
    }

    [Fact]
    public void Verify_rejects_short_hashes()
    {
        var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(4));
        var path = tree.GetAuditPath(1).ToList();
        path[0] = path[0][..31];

        var verified = InclusionProof.Verify(tree.GetLeafHash(1), 1, 4, path, tree.GetRootHash());

        Assert.False(verified);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Audit_path_rejects_index_outside_tree(int index)
    {
        var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(3));

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetAuditPath(index));
    }

    [Fact]
    public void Returned_hashes_are_copies()
    {
        var tree = new MerkleTree(NaiveMerkle.CreateLeafInputs(4));
        var expectedRoot = tree.GetRootHash();

        tree.GetRootHash()[0] ^= 0xff;
        tree.GetAuditPath(0)[0][0] ^= 0xff;
        tree.GetLeafHash(0)[0] ^= 0xff;

        Assert.Equal(expectedRoot, tree.GetRootHash());
        Assert.True(InclusionProof.Verify(tree.GetLeafHash(0), 0, 4, tree.GetAuditPath(0), expectedRoot));
    }
}
