using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// The development issuer's keys: an RSA key that signs access tokens (RS256, as Keycloak does by
/// default) and an AES key that OpenIddict requires for the tokens it encrypts. Both are generated on
/// first start and kept in one JSON file readable only by its owner, beside the database by default.
/// </summary>
internal sealed class DevIssuerKeys : IDisposable
{
    private const int RsaKeyBits = 2048;
    private const int AesKeyBytes = 32;

    private readonly RSA _rsa;

    private DevIssuerKeys(RSA rsa, string signingKeyId, byte[] encryptionKey, string encryptionKeyId, string path, bool created)
    {
        _rsa = rsa;
        Path = path;
        Created = created;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = signingKeyId };
        EncryptionKey = new SymmetricSecurityKey(encryptionKey) { KeyId = encryptionKeyId };
    }

    public string Path { get; }

    /// <summary>True when this start generated the keys rather than reading them.</summary>
    public bool Created { get; }

    public RsaSecurityKey SigningKey { get; }

    public SymmetricSecurityKey EncryptionKey { get; }

    /// <summary>Reads the key file, or creates it when absent. Another process creating it at the same moment wins, and its keys are read.</summary>
    /// <exception cref="InvalidInputException">The file exists but does not hold valid keys.</exception>
    public static DevIssuerKeys LoadOrCreate(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            return Read(fullPath, created: false);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        using var rsa = RSA.Create(RsaKeyBits);
        var file = new KeyFile(
            new SigningKeyRecord(ComputeKeyId(rsa), Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            new EncryptionKeyRecord(Guid.NewGuid().ToString("N"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(AesKeyBytes))));

        var staging = $"{fullPath}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(staging, options))
        {
            JsonSerializer.Serialize(stream, file, KeyFileJson.Default.KeyFile);
        }

        try
        {
            File.Move(staging, fullPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            File.Delete(staging);
            return Read(fullPath, created: false);
        }

        return Read(fullPath, created: true);
    }

    public void Dispose() => _rsa.Dispose();

    private static DevIssuerKeys Read(string path, bool created)
    {
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), KeyFileJson.Default.KeyFile);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"The development issuer key file '{path}' is not valid JSON: {ex.Message} Delete it to generate new keys; tokens issued with the old keys stop working.", ex);
        }

        if (file?.Signing is null || file.Encryption is null)
        {
            throw new InvalidInputException($"The development issuer key file '{path}' lacks its signing or encryption key. Delete it to generate new keys.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(file.Signing.PrivateKeyPkcs8), out _);
            var encryptionKey = Convert.FromBase64String(file.Encryption.Key);
            if (encryptionKey.Length != AesKeyBytes)
            {
                throw new InvalidInputException($"The encryption key in '{path}' has {encryptionKey.Length} bytes instead of {AesKeyBytes}. Delete the file to generate new keys.");
            }

            return new DevIssuerKeys(rsa, file.Signing.KeyId, encryptionKey, file.Encryption.KeyId, path, created);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidInputException($"The development issuer key file '{path}' contains an invalid key: {ex.Message} Delete it to generate new keys.", ex);
        }
    }

    /// <summary>The RFC 7638 thumbprint of the public key, base64url-encoded, so the same key always has the same kid.</summary>
    private static string ComputeKeyId(RSA rsa)
    {
        using var publicKey = RSA.Create(rsa.ExportParameters(includePrivateParameters: false));
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(publicKey));
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }
}

internal sealed record KeyFile(
    [property: JsonPropertyName("signing")] SigningKeyRecord Signing,
    [property: JsonPropertyName("encryption")] EncryptionKeyRecord Encryption);

/// <param name="PrivateKeyPkcs8">The RSA private key as base64 PKCS#8.</param>
internal sealed record SigningKeyRecord(
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("privateKeyPkcs8")] string PrivateKeyPkcs8);

/// <param name="Key">The 256-bit AES key, base64.</param>
internal sealed record EncryptionKeyRecord(
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("key")] string Key);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(KeyFile))]
internal sealed partial class KeyFileJson : JsonSerializerContext;
