using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IntelGraph.Ledger.Signing;

/// <summary>
/// RFC 7515 compact JWS with a detached payload (RFC 7515, appendix F): <c>header..signature</c>, where
/// the signing input is the usual <c>base64url(header) + "." + base64url(payload)</c>. The payload is
/// not carried in the JWS, so the verifier must be given the same bytes the signer signed.
/// </summary>
public static class DetachedJws
{
    /// <summary>The only JWS algorithm that is signed or accepted.</summary>
    public const string Algorithm = "ES256";

    private const int SignatureSize = 64;
    private const int CoordinateSize = 32;

    private static readonly JsonDocumentOptions HeaderOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Signs the payload with ES256 and returns <c>header..signature</c>. The protected header is
    /// <c>{"alg":"ES256","kid":…}</c>.
    /// </summary>
    public static string Sign(Es256SigningKey key, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(key);

        var header = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Algorithm);
            writer.WriteString("kid", key.KeyId);
            writer.WriteEndObject();
        }

        var encodedHeader = Base64Url.EncodeToString(header.WrittenSpan);
        var signingInput = RentSigningInput(encodedHeader, payload, out var length);
        try
        {
            var signature = key.SignData(signingInput.AsSpan(0, length));
            return encodedHeader + ".." + Base64Url.EncodeToString(signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }
    }

    /// <summary>
    /// Verifies a detached compact JWS over the payload with the key that the header's <c>kid</c> names in
    /// the key set. Rejects every algorithm except ES256, including "none", and any <c>crit</c> extension.
    /// Never throws on malformed input: the result names the first check that failed.
    /// </summary>
    public static JwsVerificationResult Verify(string? compactJws, ReadOnlySpan<byte> payload, JsonWebKeySet keySet)
    {
        ArgumentNullException.ThrowIfNull(keySet);

        if (string.IsNullOrEmpty(compactJws))
        {
            return JwsVerificationResult.Failed(null, "The JWS is empty.");
        }

        var parts = compactJws.Split('.');
        if (parts.Length != 3)
        {
            return JwsVerificationResult.Failed(
                null,
                $"The JWS has {parts.Length} dot-separated parts. A compact JWS with detached payload has three (header..signature).");
        }

        if (parts[1].Length != 0)
        {
            return JwsVerificationResult.Failed(
                null,
                "The JWS carries an embedded payload. Expected the detached form header..signature.");
        }

        var header = ReadHeader(parts[0]);
        if (header.Error is not null)
        {
            return JwsVerificationResult.Failed(header.KeyId, header.Error);
        }

        var keyId = header.KeyId!;
        var key = keySet.FindByKeyId(keyId);
        if (key is null)
        {
            var known = keySet.Keys.Count == 0
                ? "it has no keys"
                : "it has kid " + string.Join(", ", keySet.Keys.Select(k => $"'{k.KeyId}'"));
            return JwsVerificationResult.Failed(keyId, $"No key with kid '{keyId}' is in the JWK Set ({known}).");
        }

        var keyError = ValidateVerificationKey(key, out var x, out var y);
        if (keyError is not null)
        {
            return JwsVerificationResult.Failed(keyId, keyError);
        }

        if (!StrictBase64Url.TryDecode(parts[2], out var signature) || signature.Length != SignatureSize)
        {
            return JwsVerificationResult.Failed(
                keyId,
                $"The JWS signature is not {SignatureSize} base64url-encoded bytes (r || s), as ES256 requires.");
        }

        var signingInput = RentSigningInput(parts[0], payload, out var length);
        try
        {
            return VerifySignature(keyId, x!, y!, signingInput.AsSpan(0, length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }
    }

    /// <summary>
    /// Writes the signing input into a pooled array, which the caller returns to <see cref="ArrayPool{T}.Shared"/>.
    /// A manifest's payload is about a megabyte, and a fresh array of that size each time would land on the
    /// large object heap and bring on full garbage collections during a migration.
    /// </summary>
    private static byte[] RentSigningInput(string encodedHeader, ReadOnlySpan<byte> payload, out int length)
    {
        // The header part is base64url text, so it is ASCII and one byte per character.
        length = encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var input = ArrayPool<byte>.Shared.Rent(length);
        var written = Encoding.ASCII.GetBytes(encodedHeader, input);
        input[written] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, input.AsSpan(written + 1, length - written - 1));
        return input;
    }

    private static (string? KeyId, string? Error) ReadHeader(string encodedHeader)
    {
        if (!StrictBase64Url.TryDecode(encodedHeader, out var headerBytes))
        {
            return (null, "The JWS protected header is not valid base64url.");
        }

        if (!Utf8.IsValid(headerBytes))
        {
            return (null, "The JWS protected header is not valid UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes, HeaderOptions);
        }
        catch (JsonException ex)
        {
            return (null, $"The JWS protected header is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var header = document.RootElement;
            if (header.ValueKind != JsonValueKind.Object)
            {
                return (null, "The JWS protected header is not a JSON object.");
            }

            string? keyId = null;
            if (header.TryGetProperty("kid", out var kidElement))
            {
                JsonElementText.TryGetString(kidElement, out keyId);
            }

            if (!header.TryGetProperty("alg", out var algElement) || !JsonElementText.TryGetString(algElement, out var algorithm))
            {
                return (keyId, "The JWS protected header has no \"alg\" string.");
            }

            if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
            {
                return (keyId, $"The JWS algorithm '{algorithm}' is not accepted. Only {Algorithm} is.");
            }

            // RFC 7515 requires a verifier to reject a JWS whose crit names an extension it does not
            // implement, and this verifier implements none.
            if (header.TryGetProperty("crit", out _))
            {
                return (keyId, "The JWS protected header has a \"crit\" member. No JWS extensions are supported.");
            }

            if (header.TryGetProperty("b64", out var b64Element) && b64Element.ValueKind != JsonValueKind.True)
            {
                return (keyId, "The JWS protected header sets \"b64\". Only the standard base64url-encoded payload is supported.");
            }

            if (keyId is null)
            {
                return (null, "The JWS protected header has no \"kid\" string.");
            }

            return (keyId, null);
        }
    }

    private static string? ValidateVerificationKey(JsonWebKey key, out byte[]? x, out byte[]? y)
    {
        x = null;
        y = null;
        var kid = key.KeyId;

        if (key.KeyType != JsonWebKey.EcKeyType || key.Curve != JsonWebKey.P256Curve)
        {
            return $"The key with kid '{kid}' is kty '{key.KeyType}', crv '{key.Curve}', but ES256 requires kty 'EC' and crv 'P-256'.";
        }

        if (key.Algorithm is not null && key.Algorithm != Algorithm)
        {
            return $"The key with kid '{kid}' is for algorithm '{key.Algorithm}', not {Algorithm}.";
        }

        if (key.Use is not null && key.Use != JsonWebKey.SignatureUse)
        {
            return $"The key with kid '{kid}' has use '{key.Use}'. A verification key must have use 'sig' or none.";
        }

        if (!StrictBase64Url.TryDecode(key.X, out x) || x.Length != CoordinateSize
            || !StrictBase64Url.TryDecode(key.Y, out y) || y.Length != CoordinateSize)
        {
            return $"The key with kid '{kid}' does not have x and y coordinates of {CoordinateSize} base64url-encoded bytes each.";
        }

        return null;
    }

    private static JwsVerificationResult VerifySignature(
        string keyId,
        byte[] x,
        byte[] y,
        ReadOnlySpan<byte> signingInput,
        byte[] signature)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = x, Y = y },
        };

        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            return JwsVerificationResult.Failed(keyId, $"The key with kid '{keyId}' is not a point on the P-256 curve.");
        }

        using (ecdsa)
        {
            var valid = ecdsa.VerifyData(
                signingInput,
                signature,
                HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            return valid
                ? JwsVerificationResult.Succeeded(keyId)
                : JwsVerificationResult.Failed(keyId, $"The JWS signature does not verify with the key with kid '{keyId}' over the given payload.");
        }
    }
}

/// <summary>The outcome of <see cref="DetachedJws.Verify"/>.</summary>
/// <param name="KeyId">The header's kid, when the header could be read far enough to find it.</param>
/// <param name="Error">Why verification failed; null when it succeeded.</param>
public sealed record JwsVerificationResult(bool IsValid, string? KeyId, string? Error)
{
    internal static JwsVerificationResult Succeeded(string keyId) => new(true, keyId, null);

    internal static JwsVerificationResult Failed(string? keyId, string error) => new(false, keyId, error);
}
