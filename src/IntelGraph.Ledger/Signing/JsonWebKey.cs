using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace IntelGraph.Ledger.Signing;

/// <summary>
/// A public JSON Web Key (RFC 7517) as written to or read from a JWK Set. Only the members that
/// ES256 verification uses are kept, and every member except <c>kty</c> may be absent in a key read
/// from a file.
/// </summary>
/// <param name="KeyType">The <c>kty</c> member, for example "EC".</param>
/// <param name="Curve">The <c>crv</c> member, for example "P-256".</param>
/// <param name="X">The base64url x coordinate of an EC public key.</param>
/// <param name="Y">The base64url y coordinate of an EC public key.</param>
/// <param name="KeyId">The <c>kid</c> member.</param>
/// <param name="Algorithm">The <c>alg</c> member, for example "ES256".</param>
/// <param name="Use">The <c>use</c> member, for example "sig".</param>
public sealed record JsonWebKey(
    string KeyType,
    string? Curve,
    string? X,
    string? Y,
    string? KeyId,
    string? Algorithm,
    string? Use)
{
    internal const string EcKeyType = "EC";
    internal const string P256Curve = "P-256";
    internal const string SignatureUse = "sig";

    /// <summary>
    /// Computes the RFC 7638 JWK thumbprint of an EC public key: the base64url SHA-256 of the JSON object
    /// with exactly the members crv, kty, x and y, in that order, with no white space.
    /// </summary>
    internal static string ComputeEcThumbprint(string curve, string x, string y)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("crv", curve);
            writer.WriteString("kty", EcKeyType);
            writer.WriteString("x", x);
            writer.WriteString("y", y);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(SHA256.HashData(json.WrittenSpan));
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", KeyType);
        WriteIfPresent(writer, "crv", Curve);
        WriteIfPresent(writer, "x", X);
        WriteIfPresent(writer, "y", Y);
        WriteIfPresent(writer, "kid", KeyId);
        WriteIfPresent(writer, "alg", Algorithm);
        WriteIfPresent(writer, "use", Use);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
