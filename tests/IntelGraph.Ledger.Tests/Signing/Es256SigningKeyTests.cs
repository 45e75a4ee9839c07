using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Tests.Signing;

public sealed class Es256SigningKeyTests
{
    [Fact]
    public void Pkcs8_round_trip_keeps_key()
    {
        using var key = Es256SigningKey.Create();

        using var imported = Es256SigningKey.ImportPkcs8(key.ExportPkcs8());

        Assert.Equal(key.KeyId, imported.KeyId);
        Assert.Equal(key.GetPublicJwk(), imported.GetPublicJwk());
        var jws = DetachedJws.Sign(imported, [1, 2, 3]);
        Assert.True(DetachedJws.Verify(jws, [1, 2, 3], new JsonWebKeySet([key.GetPublicJwk()])).IsValid);
    }

    [Fact]
    public void Key_id_is_rfc7638_thumbprint()
    {
        using var key = Es256SigningKey.Create();
        var jwk = key.GetPublicJwk();

        // RFC 7638, section 3.2: the required EC members in lexicographic order, no white space.
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{jwk.X}\",\"y\":\"{jwk.Y}\"}}";
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, key.KeyId);
        Assert.Equal(43, key.KeyId.Length);
    }

    [Fact]
    public void Public_jwk_has_es256_members()
    {
        using var key = Es256SigningKey.Create();

        var jwk = key.GetPublicJwk();

        Assert.Equal("EC", jwk.KeyType);
        Assert.Equal("P-256", jwk.Curve);
        Assert.Equal(key.KeyId, jwk.KeyId);
        Assert.Equal("ES256", jwk.Algorithm);
        Assert.Equal("sig", jwk.Use);
        Assert.Equal(32, Base64Url.DecodeFromChars(jwk.X!).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(jwk.Y!).Length);
    }

    [Fact]
    public void Import_rejects_p384_key()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<InvalidInputException>(() => Es256SigningKey.ImportPkcs8(p384.ExportPkcs8PrivateKey()));

        Assert.Contains("ES256 requires P-256", error.Message);
    }

    [Fact]
    public void Import_rejects_garbage()
    {
        Assert.Throws<InvalidInputException>(() => Es256SigningKey.ImportPkcs8([0x30, 0x03, 0x02, 0x01, 0x00]));
    }

    [Fact]
    public void Import_rejects_trailing_bytes()
    {
        using var key = Es256SigningKey.Create();

        var error = Assert.Throws<InvalidInputException>(() => Es256SigningKey.ImportPkcs8([.. key.ExportPkcs8(), 0x00]));

        Assert.Contains("1 bytes after", error.Message);
    }
}
