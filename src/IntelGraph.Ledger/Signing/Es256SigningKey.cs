using System.Buffers.Text;
using System.Security.Cryptography;
using IntelGraph.Core;

namespace IntelGraph.Ledger.Signing;

/// <summary>
/// An ECDSA P-256 private key that signs with ES256 (RFC 7518, section 3.4). Its key id is the
/// RFC 7638 JWK thumbprint of the public key, so the same key always has the same id.
/// </summary>
public sealed class Es256SigningKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _ecdsa;
    private readonly JsonWebKey _publicKey;

    private Es256SigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;

        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var x = Base64Url.EncodeToString(parameters.Q.X);
        var y = Base64Url.EncodeToString(parameters.Q.Y);
        KeyId = JsonWebKey.ComputeEcThumbprint(JsonWebKey.P256Curve, x, y);
        _publicKey = new JsonWebKey(
            JsonWebKey.EcKeyType,
            JsonWebKey.P256Curve,
            x,
            y,
            KeyId,
            DetachedJws.Algorithm,
            JsonWebKey.SignatureUse);
    }

    /// <summary>The base64url RFC 7638 thumbprint of the public key.</summary>
    public string KeyId { get; }

    /// <summary>Generates a new P-256 key.</summary>
    public static Es256SigningKey Create()
    {
        return new Es256SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>
    /// Imports an unencrypted PKCS#8 private key. Throws <see cref="InvalidInputException"/> when the
    /// bytes are not exactly one PKCS#8 EC private key on the P-256 curve.
    /// </summary>
    public static Es256SigningKey ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out var bytesRead);
            if (bytesRead != pkcs8.Length)
            {
                throw new InvalidInputException(
                    $"The signing key has {pkcs8.Length - bytesRead} bytes after its PKCS#8 structure. The stored key is damaged.");
            }

            var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
            if (!IsP256(curve))
            {
                throw new InvalidInputException(
                    $"The signing key is on curve '{curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "unnamed"}', but ES256 requires P-256.");
            }

            return new Es256SigningKey(ecdsa);
        }
        catch (CryptographicException ex)
        {
            ecdsa.Dispose();
            throw new InvalidInputException("The signing key is not a valid PKCS#8 EC private key.", ex);
        }
        catch (InvalidInputException)
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Exports the private key as unencrypted PKCS#8, the form <c>TenantSigningKey</c> stores.</summary>
    public byte[] ExportPkcs8()
    {
        return _ecdsa.ExportPkcs8PrivateKey();
    }

    /// <summary>Returns the public key as a JWK with kid, <c>alg</c> ES256 and <c>use</c> sig.</summary>
    public JsonWebKey GetPublicJwk()
    {
        return _publicKey;
    }

    public void Dispose()
    {
        _ecdsa.Dispose();
    }

    /// <summary>Signs SHA-256 of the data and returns the 64-byte IEEE P1363 signature (r || s) that JWS uses.</summary>
    internal byte[] SignData(ReadOnlySpan<byte> data)
    {
        return _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool IsP256(ECCurve curve)
    {
        return curve.IsNamed && curve.Oid?.Value == P256Oid;
    }
}
