using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Ledger.Tests.Canonical;

/// <summary>
/// Regenerates the start of es6testfile100m.txt, the number test file published with RFC 8785's
/// reference implementation, with this formatter supplying the expected column, and compares its
/// SHA-256 with the published checksums. Each line is "hex of the IEEE 754 bits,formatted value".
/// </summary>
public sealed partial class NumberTestFileChecksumTests
{
    // Published SHA-256 checksums of the file's first 1,000, 10,000 and 100,000 lines.
    private const string First1000LinesSha256 = "be18b62b6f69cdab33a7e0dae0d9cfa869fda80ddc712221570f9f40a5878687";
    private const string First10000LinesSha256 = "b9f7a8e75ef22a835685a52ccba7f7d6bdc99e34b010992cbc5864cd12be6892";
    private const string First100000LinesSha256 = "22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7";

    private const int SerialCount = 2000;
    private const ulong SmallestNormalBits = 0x0010000000000000;

    [Fact]
    public void Generated_lines_match_published_checksums()
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var checksums = new Dictionary<int, string>();
        int lineNumber = 0;

        foreach (ulong bits in GenerateBits().Take(100_000))
        {
            double value = BitConverter.UInt64BitsToDouble(bits);
            string line = bits.ToString("x", CultureInfo.InvariantCulture) + "," + EcmaScriptNumberFormatter.Format(value) + "\n";
            sha256.AppendData(Encoding.ASCII.GetBytes(line));
            lineNumber++;

            if (lineNumber is 1000 or 10_000 or 100_000)
            {
                checksums[lineNumber] = Convert.ToHexStringLower(sha256.GetCurrentHash());
            }
        }

        Assert.Equal(First1000LinesSha256, checksums[1000]);
        Assert.Equal(First10000LinesSha256, checksums[10_000]);
        Assert.Equal(First100000LinesSha256, checksums[100_000]);
    }

    /// <summary>
    /// Yields the file's values in order: a fixed list of edge cases, then 2,000 values counting up
    /// from the smallest normal double, then little-endian doubles from a SHA-256 chain that starts
    /// at 32 zero bytes, skipping zeros, infinities and NaNs.
    /// </summary>
    private static IEnumerable<ulong> GenerateBits()
    {
        foreach (ulong bits in ReadFixedValues())
        {
            yield return bits;
        }

        for (ulong i = 0; i < SerialCount; i++)
        {
            yield return SmallestNormalBits + i;
        }

        byte[] block = new byte[32];
        while (true)
        {
            block = SHA256.HashData(block);
            for (int offset = 0; offset < block.Length; offset += 8)
            {
                ulong bits = BinaryPrimitives.ReadUInt64LittleEndian(block.AsSpan(offset, 8));
                double value = BitConverter.UInt64BitsToDouble(bits);
                if (value != 0 && double.IsFinite(value))
                {
                    yield return bits;
                }
            }
        }
    }

    /// <summary>Reads the fixed edge-case list from the reference Go generator kept with the test vectors.</summary>
    private static List<ulong> ReadFixedValues()
    {
        string generatorPath = SharedFolder.PathTo("conformance", "jcs", "testdata", "numgen.go");
        string source = File.ReadAllText(generatorPath);
        Match list = FixedListPattern().Match(source);
        Assert.True(list.Success, $"No \"static := [...]uint64{{...}}\" list was found in {generatorPath}.");

        return [.. HexLiteralPattern()
            .Matches(list.Groups["values"].Value)
            .Select(literal => ulong.Parse(literal.Groups["hex"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@"static\s*:=\s*\[\.\.\.\]uint64\{(?<values>[^}]*)\}")]
    private static partial Regex FixedListPattern();

    [GeneratedRegex(@"0x(?<hex>[0-9a-fA-F]+)")]
    private static partial Regex HexLiteralPattern();
}
