using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Tests.Signing;

public sealed class DetachedJwsTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"manifestId\":\"mf-1\",\"treeSize\":3}");

    [Fact]
    public void Sign_then_verify_succeeds()
    {
        using var key = Es256SigningKey.Create();
        var keySet = new JsonWebKeySet([key.GetPublicJwk()]);

        var jws = DetachedJws.Sign(key, Payload);
        var result = DetachedJws.Verify(jws, Payload, keySet);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Jws_has_detached_es256_form()
    {
        using var key = Es256SigningKey.Create();

        var jws = DetachedJws.Sign(key, Payload);

        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("", parts[1]);
        Assert.Equal($"{{\"alg\":\"ES256\",\"kid\":\"{key.KeyId}\"}}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public void Signature_verifies_with_plain_ecdsa()
    {
        using var key = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);
        var parts = jws.Split('.');

        // An independent ES256 check with the public key alone, as any JOSE library would do it.
        var jwk = key.GetPublicJwk();
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X!), Y = Base64Url.DecodeFromChars(jwk.Y!) },
        });
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.EncodeToString(Payload));

        var valid = verifier.VerifyData(
            signingInput,
            Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.True(valid);
    }

    [Fact]
    public void Verify_rejects_tampered_payload()
    {
        using var key = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);
        var tampered = (byte[])Payload.Clone();
        tampered[^2] = (byte)'4';

        var result = DetachedJws.Verify(jws, tampered, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Contains("does not verify", result.Error);
    }

    [Fact]
    public void Verify_rejects_unknown_kid()
    {
        using var key = Es256SigningKey.Create();
        using var otherKey = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);

        var result = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([otherKey.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Equal(key.KeyId, result.KeyId);
        Assert.Contains($"No key with kid '{key.KeyId}'", result.Error);
    }

    [Fact]
    public void Verify_rejects_other_key_under_same_kid()
    {
        using var key = Es256SigningKey.Create();
        using var otherKey = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);
        var impostor = otherKey.GetPublicJwk() with { KeyId = key.KeyId };

        var result = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([impostor]));

        Assert.False(result.IsValid);
        Assert.Contains("does not verify", result.Error);
    }

    [Fact]
    public void Verify_rejects_alg_none()
    {
        using var key = Es256SigningKey.Create();
        var header = EncodeHeader($"{{\"alg\":\"none\",\"kid\":\"{key.KeyId}\"}}");

        var unsigned = DetachedJws.Verify(header + "..", Payload, new JsonWebKeySet([key.GetPublicJwk()]));
        var withValidSignature = DetachedJws.Verify(
            header + ".." + DetachedJws.Sign(key, Payload).Split('.')[2],
            Payload,
            new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(unsigned.IsValid);
        Assert.Contains("'none' is not accepted", unsigned.Error);
        Assert.False(withValidSignature.IsValid);
        Assert.Contains("'none' is not accepted", withValidSignature.Error);
    }

    [Fact]
    public void Verify_rejects_alg_hs256()
    {
        using var key = Es256SigningKey.Create();
        var jwk = key.GetPublicJwk();
        var header = EncodeHeader($"{{\"alg\":\"HS256\",\"kid\":\"{key.KeyId}\"}}");

        // The classic key-confusion forgery: an HMAC keyed with public key material.
        var signingInput = Encoding.ASCII.GetBytes(header + "." + Base64Url.EncodeToString(Payload));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwk.X + jwk.Y), signingInput);
        var jws = header + ".." + Base64Url.EncodeToString(mac);

        var result = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk]));

        Assert.False(result.IsValid);
        Assert.Contains("'HS256' is not accepted", result.Error);
    }

    [Theory]
    [InlineData("{\"kid\":\"k\"}", "no \"alg\"")]
    [InlineData("{\"alg\":\"es256\",\"kid\":\"k\"}", "'es256' is not accepted")]
    [InlineData("{\"alg\":\"ES256\"}", "no \"kid\"")]
    [InlineData("{\"alg\":\"ES256\",\"kid\":\"k\",\"crit\":[\"exp\"],\"exp\":1}", "\"crit\"")]
    [InlineData("{\"alg\":\"ES256\",\"kid\":\"k\",\"b64\":false}", "\"b64\"")]
    [InlineData("{\"alg\":\"ES256\",\"alg\":\"none\",\"kid\":\"k\"}", "not valid JSON")]
    [InlineData("[\"ES256\"]", "not a JSON object")]
    [InlineData("{\"alg\":", "not valid JSON")]
    public void Verify_rejects_invalid_header(string headerJson, string expectedError)
    {
        using var key = Es256SigningKey.Create();
        var signature = DetachedJws.Sign(key, Payload).Split('.')[2];

        var result = DetachedJws.Verify(EncodeHeader(headerJson) + ".." + signature, Payload, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Contains(expectedError, result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a..b..c")]
    [InlineData("!!!..AAAA")]
    public void Verify_rejects_malformed_jws(string jws)
    {
        using var key = Es256SigningKey.Create();

        var result = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Verify_rejects_embedded_payload()
    {
        using var key = Es256SigningKey.Create();
        var parts = DetachedJws.Sign(key, Payload).Split('.');
        var attached = parts[0] + "." + Base64Url.EncodeToString(Payload) + "." + parts[2];

        var result = DetachedJws.Verify(attached, Payload, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Contains("embedded payload", result.Error);
    }

    [Fact]
    public void Verify_rejects_non_canonical_base64url()
    {
        using var key = Es256SigningKey.Create();
        var parts = DetachedJws.Sign(key, Payload).Split('.');

        // 64 bytes encode to 86 characters, and JWS does not allow "==" padding.
        var padded = parts[0] + ".." + parts[2] + "==";
        var result = DetachedJws.Verify(padded, Payload, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Contains("64 base64url-encoded bytes", result.Error);
    }

    [Fact]
    public void Verify_rejects_key_not_for_es256()
    {
        using var key = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);
        var jwk = key.GetPublicJwk();

        var wrongAlgorithm = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk with { Algorithm = "ES384" }]));
        var wrongCurve = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk with { Curve = "P-384" }]));
        var wrongUse = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk with { Use = "enc" }]));
        var shortCoordinate = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk with { X = jwk.X![..20] }]));

        Assert.Contains("algorithm 'ES384'", wrongAlgorithm.Error);
        Assert.Contains("crv 'P-384'", wrongCurve.Error);
        Assert.Contains("use 'enc'", wrongUse.Error);
        Assert.Contains("coordinates", shortCoordinate.Error);
    }

    [Fact]
    public void Verify_rejects_point_off_curve()
    {
        using var key = Es256SigningKey.Create();
        var jws = DetachedJws.Sign(key, Payload);
        var jwk = key.GetPublicJwk();
        var y = Base64Url.DecodeFromChars(jwk.Y!);
        y[^1] ^= 0x01;

        var result = DetachedJws.Verify(jws, Payload, new JsonWebKeySet([jwk with { Y = Base64Url.EncodeToString(y) }]));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Verify_rejects_undecodable_header_text()
    {
        using var key = Es256SigningKey.Create();
        var keySet = new JsonWebKeySet([key.GetPublicJwk()]);
        var signature = DetachedJws.Sign(key, Payload).Split('.')[2];
        var invalidUtf8 = Base64Url.EncodeToString([.. "{\"alg\":\""u8, 0xFF, .. "\"}"u8]);
        var loneSurrogate = EncodeHeader($"{{\"alg\":\"\\ud800\",\"kid\":\"{key.KeyId}\"}}");

        var invalidUtf8Result = DetachedJws.Verify(invalidUtf8 + ".." + signature, Payload, keySet);
        var loneSurrogateResult = DetachedJws.Verify(loneSurrogate + ".." + signature, Payload, keySet);

        Assert.Equal("The JWS protected header is not valid UTF-8 text.", invalidUtf8Result.Error);
        Assert.Contains("no \"alg\" string", loneSurrogateResult.Error);
    }

    private static string EncodeHeader(string json)
    {
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
    }
}
