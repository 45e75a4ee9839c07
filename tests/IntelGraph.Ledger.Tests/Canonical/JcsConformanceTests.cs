using System.Text;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Ledger.Tests.Canonical;

/// <summary>
/// The test vectors published with RFC 8785's reference implementation: each input file must
/// canonicalize to its output file, and to the bytes its hex file lists.
/// </summary>
public sealed class JcsConformanceTests
{
    private static string TestDataPath(params string[] parts) =>
        SharedFolder.PathTo(["conformance", "jcs", "testdata", .. parts]);

    public static TheoryData<string> VectorNames()
    {
        string inputFolder = TestDataPath("input");
        if (!Directory.Exists(inputFolder))
        {
            throw new DirectoryNotFoundException($"The JCS test vector folder {inputFolder} does not exist.");
        }

        var names = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(inputFolder).Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(path));
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_matches_expected_output(string name)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("input", name));
        byte[] expected = File.ReadAllBytes(TestDataPath("output", name));

        byte[] canonical = JsonCanonicalizer.Canonicalize(input);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_matches_expected_hex(string name)
    {
        byte[] input = File.ReadAllBytes(TestDataPath("input", name));
        string hexText = File.ReadAllText(TestDataPath("outhex", Path.ChangeExtension(name, ".txt")));
        byte[] expected = [.. hexText
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Convert.FromHexString(pair)[0])];

        byte[] canonical = JsonCanonicalizer.Canonicalize(input);

        Assert.NotEmpty(expected);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(canonical));
    }

    [Fact]
    public void Buffer_writer_output_matches_vectors()
    {
        foreach (string name in VectorNames())
        {
            byte[] input = File.ReadAllBytes(TestDataPath("input", name));
            byte[] expected = File.ReadAllBytes(TestDataPath("output", name));
            var output = new System.Buffers.ArrayBufferWriter<byte>();

            JsonCanonicalizer.Canonicalize(input, output);

            Assert.Equal(expected, output.WrittenSpan.ToArray());
        }
    }
}
