using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Tests.Signing;

public sealed class JsonWebKeySetTests
{
    [Fact]
    public void Writes_standard_jwk_set()
    {
        using var key = Es256SigningKey.Create();
        var jwk = key.GetPublicJwk();

        var json = Encoding.UTF8.GetString(new JsonWebKeySet([jwk]).ToJsonBytes(indented: false));

        Assert.Equal(
            $"{{\"keys\":[{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{jwk.X}\",\"y\":\"{jwk.Y}\",\"kid\":\"{jwk.KeyId}\",\"alg\":\"ES256\",\"use\":\"sig\"}}]}}",
            json);
    }

    [Fact]
    public void Round_trips_through_json()
    {
        using var first = Es256SigningKey.Create();
        using var second = Es256SigningKey.Create();
        var keySet = new JsonWebKeySet([first.GetPublicJwk(), second.GetPublicJwk()]);

        var parsed = JsonWebKeySet.Parse(keySet.ToJsonBytes());

        Assert.Equal(keySet.Keys, parsed.Keys);
        Assert.Equal(second.GetPublicJwk(), parsed.FindByKeyId(second.KeyId));
        Assert.Null(parsed.FindByKeyId("missing"));
    }

    [Fact]
    public void Parse_keeps_other_key_types()
    {
        var json = """{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"rsa-1"},{"kty":"EC","crv":"P-256","x":"a","y":"b"}]}""";

        var keySet = JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(2, keySet.Keys.Count);
        Assert.Equal("RSA", keySet.FindByKeyId("rsa-1")!.KeyType);
        Assert.Null(keySet.Keys[1].KeyId);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "\"keys\" array")]
    [InlineData("{\"keys\":{}}", "\"keys\" array")]
    [InlineData("{\"keys\":[1]}", "Key 0 of the JWK Set is not a JSON object")]
    [InlineData("{\"keys\":[{\"crv\":\"P-256\"}]}", "no \"kty\"")]
    [InlineData("{\"keys\":[{\"kty\":\"EC\",\"x\":5}]}", "Member \"x\" of key 0")]
    [InlineData("{\"keys\":[{\"kty\":\"EC\",\"kid\":\"a\"},{\"kty\":\"EC\",\"kid\":\"a\"}]}", "more than one key with kid 'a'")]
    [InlineData("{\"keys\":[],\"keys\":[]}", "not valid JSON")]
    [InlineData("{\"keys\":[{\"kty\":\"\\udc00\"}]}", "valid Unicode text")]
    public void Parse_rejects_malformed_sets(string json, string expectedError)
    {
        var parsed = JsonWebKeySet.TryParse(Encoding.UTF8.GetBytes(json), out var keySet, out var error);

        Assert.False(parsed);
        Assert.Null(keySet);
        Assert.Contains(expectedError, error);
        Assert.Throws<InvalidInputException>(() => JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Constructor_rejects_duplicate_kid()
    {
        using var key = Es256SigningKey.Create();

        Assert.Throws<InvalidInputException>(() => new JsonWebKeySet([key.GetPublicJwk(), key.GetPublicJwk()]));
    }
}
