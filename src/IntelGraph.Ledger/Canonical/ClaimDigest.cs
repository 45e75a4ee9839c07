using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Ledger.Canonical;

/// <summary>
/// The digest of a ledger claim: "sha256:" followed by the lowercase hex SHA-256 of the claim's
/// RFC 8785 canonical form, computed without the claim's top-level "hash" member. Every other
/// member counts, including ones IntelGraph does not know.
/// </summary>
public static class ClaimDigest
{
    /// <summary>The text every digest starts with.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The length of a digest in text form: 7 prefix characters and 64 hex characters.</summary>
    public const int TextLength = 7 + (2 * SHA256.HashSizeInBytes);

    private static readonly SearchValues<char> _lowercaseHexCharacters = SearchValues.Create("0123456789abcdef");

    private static ReadOnlySpan<byte> HashMemberName => "hash"u8;

    /// <summary>Computes the digest of one claim in its "sha256:&lt;64 lowercase hex&gt;" text form.</summary>
    /// <exception cref="InvalidInputException">The claim is not a JSON object, or not I-JSON.</exception>
    public static string Compute(ReadOnlySpan<byte> claimUtf8Json)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeHash(claimUtf8Json, hash);

        Span<char> text = stackalloc char[TextLength];
        Prefix.CopyTo(text);
        Convert.TryToHexStringLower(hash, text[Prefix.Length..], out _);
        return new string(text);
    }

    /// <summary>
    /// Computes the 32 raw bytes of a claim's digest, the form that Merkle tree leaves take.
    /// </summary>
    /// <param name="destination">At least 32 bytes; the hash goes into the first 32.</param>
    /// <exception cref="InvalidInputException">The claim is not a JSON object, or not I-JSON.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static void ComputeHash(ReadOnlySpan<byte> claimUtf8Json, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} bytes, but a SHA-256 hash needs {SHA256.HashSizeInBytes}.",
                nameof(destination));
        }

        JcsDocument document = JcsDocument.Rent();
        try
        {
            document.Load(claimUtf8Json);
            if (document.RootType != JsonTokenType.StartObject)
            {
                throw new InvalidInputException(
                    $"Invalid claim: a claim must be a JSON object, but the text holds a {DescribeType(document.RootType)}.");
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(document.MaxCanonicalLength);
            int length = document.WriteTo(buffer, excludeTopLevelMember: true, HashMemberName);
            SHA256.HashData(buffer.AsSpan(0, length), destination);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        finally
        {
            JcsDocument.Return(document);
        }
    }

    /// <summary>
    /// Converts a digest in text form to its 32 raw bytes. Only "sha256:" followed by exactly 64
    /// lowercase hex characters is accepted, because that is the only form a digest has.
    /// </summary>
    /// <param name="destination">At least 32 bytes; the hash goes into the first 32.</param>
    /// <returns>false, with <paramref name="destination"/> untouched, if the text is not a digest.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static bool TryParse(ReadOnlySpan<char> digest, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException(
                $"The destination has {destination.Length} bytes, but a SHA-256 hash needs {SHA256.HashSizeInBytes}.",
                nameof(destination));
        }

        if (digest.Length != TextLength || !digest.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> hex = digest[Prefix.Length..];
        if (hex.ContainsAnyExcept(_lowercaseHexCharacters))
        {
            return false;
        }

        Convert.FromHexString(hex, destination, out _, out _);
        return true;
    }

    /// <summary>Converts a digest in text form to a new array of its 32 raw bytes.</summary>
    /// <returns>false, with <paramref name="hash"/> null, if the text is not "sha256:" followed by
    /// exactly 64 lowercase hex characters.</returns>
    public static bool TryParse([NotNullWhen(true)] string? digest, [NotNullWhen(true)] out byte[]? hash)
    {
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        if (digest is null || !TryParse(digest.AsSpan(), bytes))
        {
            hash = null;
            return false;
        }

        hash = bytes.ToArray();
        return true;
    }

    /// <summary>Converts a digest in text form to a new array of its 32 raw bytes.</summary>
    /// <exception cref="InvalidInputException">The text is not "sha256:" followed by exactly 64 lowercase
    /// hex characters.</exception>
    public static byte[] Parse(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);

        if (!TryParse(digest, out byte[]? hash))
        {
            throw new InvalidInputException(
                $"Invalid claim digest '{digest}': expected \"sha256:\" followed by 64 lowercase hex characters.");
        }

        return hash;
    }

    private static string DescribeType(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
