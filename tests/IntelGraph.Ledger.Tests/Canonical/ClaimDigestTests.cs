using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Ledger.Tests.Canonical;

public sealed class ClaimDigestTests
{
    private const string ZeroDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    public static TheoryData<string> PilotClaimFiles() => new(
        Path.Combine("pilot-ics", "claims.json"),
        Path.Combine("pilot-ics", "deltas", "0001", "claims.json"));

    [Theory]
    [MemberData(nameof(PilotClaimFiles))]
    public void Compute_matches_pilot_claim_hashes(string relativePath)
    {
        List<byte[]> claims = ReadClaimArray(SharedFolder.PathTo(["datasets", relativePath]));
        var mismatches = new List<string>();

        foreach (byte[] claim in claims)
        {
            string expected = StoredHash(claim);
            string actual = ClaimDigest.Compute(claim);
            if (actual != expected)
            {
                mismatches.Add($"{ClaimId(claim)}: stored {expected}, computed {actual}");
            }
        }

        Assert.NotEmpty(claims);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Compute_ignores_member_order_and_escaping()
    {
        foreach (byte[] claim in FirstPilotClaims(20))
        {
            // JsonNode writes non-ASCII and HTML-sensitive characters as \u escapes, so this also
            // checks that escaped and raw forms of the same text hash alike.
            JsonObject original = JsonNode.Parse(claim)!.AsObject();
            var reversed = new JsonObject();
            foreach (KeyValuePair<string, JsonNode?> member in original.Reverse().ToList())
            {
                reversed[member.Key] = member.Value?.DeepClone();
            }

            byte[] shuffled = Encoding.UTF8.GetBytes(reversed.ToJsonString());

            Assert.NotEqual(claim, shuffled);
            Assert.Equal(StoredHash(claim), ClaimDigest.Compute(shuffled));
        }
    }

    [Fact]
    public void Compute_includes_unknown_members()
    {
        byte[] claim = """
            {
              "id": "clm-1",
              "zeta": {"b": [1, 2.5E-7], "a": "\u00e9"},
              "hash": "sha256:not-checked"
            }
            """u8.ToArray();
        byte[] canonical = Encoding.UTF8.GetBytes("{\"id\":\"clm-1\",\"zeta\":{\"a\":\"\u00e9\",\"b\":[1,2.5e-7]}}");
        string expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical));

        Assert.Equal(expected, ClaimDigest.Compute(claim));
        Assert.NotEqual(ClaimDigest.Compute("""{"id":"clm-1"}"""u8), ClaimDigest.Compute(claim));
    }

    [Fact]
    public void Compute_changes_when_a_value_changes()
    {
        byte[] claim = FirstPilotClaims(1)[0];
        JsonObject changed = JsonNode.Parse(claim)!.AsObject();
        changed["status"] = changed["status"]!.GetValue<string>() + "x";

        string digest = ClaimDigest.Compute(Encoding.UTF8.GetBytes(changed.ToJsonString()));

        Assert.NotEqual(StoredHash(claim), digest);
    }

    [Fact]
    public void Compute_ignores_top_level_hash_value()
    {
        byte[] withHash = """{"id":"c","hash":"sha256:abc"}"""u8.ToArray();
        byte[] otherHash = """{"id":"c","hash":123}"""u8.ToArray();
        byte[] withoutHash = """{"id":"c"}"""u8.ToArray();

        Assert.Equal(ClaimDigest.Compute(withoutHash), ClaimDigest.Compute(withHash));
        Assert.Equal(ClaimDigest.Compute(withoutHash), ClaimDigest.Compute(otherHash));
    }

    [Fact]
    public void Compute_includes_nested_hash_members()
    {
        byte[] nested = """{"id":"c","evidence":{"hash":"sha256:abc"}}"""u8.ToArray();
        byte[] without = """{"id":"c","evidence":{}}"""u8.ToArray();

        Assert.NotEqual(ClaimDigest.Compute(without), ClaimDigest.Compute(nested));
    }

    [Fact]
    public void Compute_matches_hash_of_canonical_form()
    {
        byte[] claim = """{"b":[1e21,"\u2028"],"a":null,"hash":"x"}"""u8.ToArray();
        var canonical = new System.Buffers.ArrayBufferWriter<byte>();
        JsonCanonicalizer.Canonicalize(claim, canonical, "hash");

        string expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));

        Assert.Equal(expected, ClaimDigest.Compute(claim));
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("\"clm-1\"", "string")]
    [InlineData("null", "null")]
    public void Compute_rejects_non_object_claims(string json, string typeName)
    {
        var exception = Assert.Throws<InvalidInputException>(() => ClaimDigest.Compute(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("must be a JSON object", exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeName, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_rejects_duplicate_members()
    {
        Assert.Throws<InvalidInputException>(() => ClaimDigest.Compute("""{"id":"a","id":"b"}"""u8));
    }

    [Fact]
    public void ComputeHash_matches_text_digest()
    {
        byte[] claim = FirstPilotClaims(1)[0];
        Span<byte> raw = stackalloc byte[SHA256.HashSizeInBytes];

        ClaimDigest.ComputeHash(claim, raw);

        Assert.Equal(StoredHash(claim), "sha256:" + Convert.ToHexStringLower(raw));
    }

    [Fact]
    public void ComputeHash_rejects_short_destination()
    {
        byte[] destination = new byte[31];

        Assert.Throws<ArgumentException>(() => ClaimDigest.ComputeHash("{}"u8, destination));
    }

    [Fact]
    public void TryParse_returns_raw_bytes()
    {
        string hex = "f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c";
        Span<byte> raw = stackalloc byte[SHA256.HashSizeInBytes];

        bool parsed = ClaimDigest.TryParse("sha256:" + hex, raw);

        Assert.True(parsed);
        Assert.Equal(Convert.FromHexString(hex), raw.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    [InlineData("SHA256:f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    [InlineData("sha256:F364F80E48FEF0A55249D5AE0497257888BA8311F719B6530287952AD8B6767C")]
    [InlineData("sha256:f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767")]
    [InlineData("sha256:f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c0")]
    [InlineData("sha256:g364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    [InlineData("sha256: 364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    [InlineData(" sha256:364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    [InlineData("sha512:f364f80e48fef0a55249d5ae0497257888ba8311f719b6530287952ad8b6767c")]
    public void TryParse_rejects_malformed_digests(string digest)
    {
        byte[] raw = new byte[SHA256.HashSizeInBytes];

        Assert.False(ClaimDigest.TryParse(digest, raw));
        Assert.False(ClaimDigest.TryParse(digest, out byte[]? array));
        Assert.Null(array);
        Assert.Throws<InvalidInputException>(() => ClaimDigest.Parse(digest));
    }

    [Fact]
    public void TryParse_rejects_short_destination()
    {
        byte[] destination = new byte[16];

        Assert.Throws<ArgumentException>(() => ClaimDigest.TryParse(ZeroDigest, destination));
    }

    [Fact]
    public void Parse_round_trips_computed_digest()
    {
        byte[] claim = FirstPilotClaims(1)[0];
        string digest = ClaimDigest.Compute(claim);

        byte[] raw = ClaimDigest.Parse(digest);

        Assert.Equal(digest, ClaimDigest.Prefix + Convert.ToHexStringLower(raw));
        Assert.Equal(ClaimDigest.TextLength, digest.Length);
    }

    [Fact]
    public void TryParse_rejects_null_string()
    {
        Assert.False(ClaimDigest.TryParse((string?)null, out byte[]? raw));
        Assert.Null(raw);
    }

    private static List<byte[]> FirstPilotClaims(int count) =>
        [.. ReadClaimArray(SharedFolder.PathTo("datasets", "pilot-ics", "claims.json")).Take(count)];

    /// <summary>Splits a JSON array of claims into each claim's bytes exactly as the file has them.</summary>
    private static List<byte[]> ReadClaimArray(string path)
    {
        byte[] json = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(json);
        var claims = new List<byte[]>();

        Assert.True(reader.Read(), $"{path} is empty.");
        Assert.Equal(JsonTokenType.StartArray, reader.TokenType);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            claims.Add(json[start..(int)reader.BytesConsumed]);
        }

        return claims;
    }

    private static string StoredHash(byte[] claim)
    {
        using JsonDocument document = JsonDocument.Parse(claim);
        return document.RootElement.GetProperty("hash").GetString()!;
    }

    private static string ClaimId(byte[] claim)
    {
        using JsonDocument document = JsonDocument.Parse(claim);
        return document.RootElement.GetProperty("id").GetString()!;
    }
}
