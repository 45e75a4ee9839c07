using System.Security.Cryptography;

namespace IntelGraph.Ledger.Tests.Merkle;

/// <summary>
/// The recursive definitions of RFC 9162, section 2.1, written as directly as possible so that
/// <see cref="IntelGraph.Ledger.Merkle.MerkleTree"/> can be checked against them.
/// </summary>
internal static class NaiveMerkle
{
    /// <summary>Creates distinct 32-byte leaf inputs, like claim digests: SHA-256 of each index.</summary>
    public static List<byte[]> CreateLeafInputs(int count)
    {
        return [.. Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i)))];
    }

    /// <summary>MTH(D[n]) of RFC 9162, section 2.1.1.</summary>
    public static byte[] TreeHash(IReadOnlyList<byte[]> inputs)
    {
        if (inputs.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (inputs.Count == 1)
        {
            return SHA256.HashData([0x00, .. inputs[0]]);
        }

        var k = LargestPowerOfTwoBelow(inputs.Count);
        var left = TreeHash(inputs.Take(k).ToList());
        var right = TreeHash(inputs.Skip(k).ToList());
        return SHA256.HashData([0x01, .. left, .. right]);
    }

    /// <summary>PATH(m, D[n]) of RFC 9162, section 2.1.3.1.</summary>
    public static List<byte[]> AuditPath(int m, IReadOnlyList<byte[]> inputs)
    {
        if (inputs.Count == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(inputs.Count);
        var left = inputs.Take(k).ToList();
        var right = inputs.Skip(k).ToList();
        return m < k
            ? [.. AuditPath(m, left), TreeHash(right)]
            : [.. AuditPath(m - k, right), TreeHash(left)];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
