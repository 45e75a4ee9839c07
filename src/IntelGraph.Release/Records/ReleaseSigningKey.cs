using System.Security.Cryptography;
using IntelGraph.Core;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Release.Records;

/// <summary>
/// The release signing key: a P-256 private key in a PEM file (PKCS#8), and beside it the public key as
/// a JWK Set (<c>NAME.jwks.json</c>) that anyone verifying records needs. The key is created on first
/// use with mode 0600 and must never be committed.
/// </summary>
public static class ReleaseSigningKey
{
    public static string PublicKeySetPath(string keyPath) => Path.ChangeExtension(keyPath, null) + ".jwks.json";

    /// <summary>Reads the key, creating it and its public JWK Set when the file does not exist yet.</summary>
    /// <exception cref="InvalidInputException">The file exists but is not a P-256 private key in PEM.</exception>
    public static async Task<Es256SigningKey> LoadOrCreateAsync(string keyPath, CancellationToken cancellationToken)
    {
        if (File.Exists(keyPath))
        {
            return await LoadAsync(keyPath, cancellationToken).ConfigureAwait(false);
        }

        var key = Es256SigningKey.Create();
        var folder = Path.GetDirectoryName(Path.GetFullPath(keyPath))!;
        Directory.CreateDirectory(folder);
        var pem = PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8());

        // Created with 0600 from the start, so the private key is never readable by others, even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(keyPath, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(pem).ConfigureAwait(false);
        }

        await File.WriteAllBytesAsync(PublicKeySetPath(keyPath), new JsonWebKeySet([key.GetPublicJwk()]).ToJsonBytes(), cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <exception cref="InvalidInputException">The file is not a P-256 private key in PEM.</exception>
    public static async Task<Es256SigningKey> LoadAsync(string keyPath, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(keyPath, cancellationToken).ConfigureAwait(false);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "PRIVATE KEY")
        {
            throw new InvalidInputException($"{keyPath} is not a PEM file with a PRIVATE KEY block.");
        }

        return Es256SigningKey.ImportPkcs8(Convert.FromBase64String(text[fields.Base64Data]));
    }

    /// <summary>Reads the public JWK Set beside the key, which verifies records without the private key.</summary>
    /// <exception cref="InvalidInputException">The JWK Set is missing or invalid.</exception>
    public static async Task<JsonWebKeySet> LoadPublicKeysAsync(string keyPath, CancellationToken cancellationToken)
    {
        var path = PublicKeySetPath(keyPath);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"The release public key set {path} does not exist; it is written when the signing key is created.");
        }

        return JsonWebKeySet.Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }
}
