using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// Signs access tokens in the test itself: with the server's own development key (read from its key
/// file) to vary one claim at a time, or with a key the server has never seen.
/// </summary>
internal sealed class TokenForge
{
    private readonly RsaSecurityKey _trustedKey;

    public TokenForge(ServerHost server)
    {
        Server = server;
        using var file = JsonDocument.Parse(File.ReadAllBytes(server.KeyFilePath));
        var signing = file.RootElement.GetProperty("signing");
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(signing.GetProperty("privateKeyPkcs8").GetString()!), out _);
        _trustedKey = new RsaSecurityKey(rsa) { KeyId = signing.GetProperty("keyId").GetString() };
    }

    public ServerHost Server { get; }

    public string TrustedKeyId => _trustedKey.KeyId;

    /// <summary>The claims of a valid admin token of tenant alpha, in Keycloak's shape.</summary>
    public Dictionary<string, object> ValidClaims(string tenant = "alpha") => new(StringComparer.Ordinal)
    {
        ["sub"] = "forged-subject",
        ["typ"] = "Bearer",
        ["tenant"] = tenant,
        ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "admin", "lead", "analyst", "auditor" } },
        ["groups"] = new[] { "internal" },
    };

    /// <summary>Signs a token whose lifetime, issuer, audience and claims default to valid values.</summary>
    public string Sign(
        Dictionary<string, object>? claims = null,
        string? issuer = null,
        string audience = "intelgraph-api",
        DateTime? notBefore = null,
        DateTime? expires = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        string tokenType = "at+jwt")
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Server.Issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims ?? ValidClaims(),
            SigningCredentials = new SigningCredentials(key ?? _trustedKey, algorithm),
            TokenType = tokenType,
        };

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The trusted key under another kid, which no key the issuer publishes has.</summary>
    public RsaSecurityKey TrustedKeyWithUnknownKeyId() => new(_trustedKey.Rsa) { KeyId = "no-such-key" };

    /// <summary>A fresh RSA key the server does not trust, with the trusted key's kid so only the signature can fail.</summary>
    public RsaSecurityKey UntrustedKeyWithTrustedKeyId() => new(RSA.Create(2048)) { KeyId = _trustedKey.KeyId };

    /// <summary>An unsigned token: header <c>alg: none</c> and an empty signature.</summary>
    public string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        var payload = new Dictionary<string, object>(ValidClaims())
        {
            ["iss"] = Server.Issuer,
            ["aud"] = "intelgraph-api",
            ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        };
        return $"{header}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.";
    }

    /// <summary>Replaces the payload of a signed token with another tenant's, keeping the original signature.</summary>
    public static string WithPayloadTenant(string token, string tenant)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["tenant"] = JsonSerializer.SerializeToElement(tenant);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
    }

    /// <summary>An HMAC key made from the trusted RSA public key, the classic algorithm confusion attack.</summary>
    public SymmetricSecurityKey PublicKeyAsHmacSecret()
    {
        var publicKey = Encoding.UTF8.GetBytes(_trustedKey.Rsa.ExportSubjectPublicKeyInfoPem());
        return new SymmetricSecurityKey(publicKey) { KeyId = _trustedKey.KeyId };
    }
}
