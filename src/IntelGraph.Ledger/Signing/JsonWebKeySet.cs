using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using IntelGraph.Core;

namespace IntelGraph.Ledger.Signing;

/// <summary>A JWK Set (RFC 7517, section 5): the public keys that verify a tenant's manifest signatures.</summary>
public sealed class JsonWebKeySet
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Creates a set. Throws <see cref="InvalidInputException"/> when two keys have the same <c>kid</c>.</summary>
    public JsonWebKeySet(IEnumerable<JsonWebKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        Keys = [.. keys];

        var duplicateKeyId = FindDuplicateKeyId(Keys);
        if (duplicateKeyId is not null)
        {
            throw new InvalidInputException(
                $"The JWK Set contains more than one key with kid '{duplicateKeyId}'. Each kid must name one key.");
        }
    }

    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>Returns the key whose <c>kid</c> is <paramref name="keyId"/>, or null when the set has none.</summary>
    public JsonWebKey? FindByKeyId(string keyId)
    {
        return Keys.FirstOrDefault(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal));
    }

    /// <summary>Writes the set as <c>{"keys":[…]}</c> in UTF-8.</summary>
    public byte[] ToJsonBytes(bool indented = true)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                key.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads a JWK Set. Throws <see cref="InvalidInputException"/> naming the first problem found.</summary>
    public static JsonWebKeySet Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (TryParse(utf8Json, out var keySet, out var error))
        {
            return keySet;
        }

        throw new InvalidInputException(error);
    }

    /// <summary>
    /// Reads a JWK Set. Members that ES256 verification does not use are ignored, so keys of other
    /// types are kept but cannot verify anything.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out JsonWebKeySet? keySet,
        [NotNullWhen(false)] out string? error)
    {
        keySet = null;

        // RFC 8259 lets a parser ignore a leading byte order mark, which some editors add on save.
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        if (!Utf8.IsValid(utf8Json))
        {
            error = "The JWK Set is not valid UTF-8 text.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = $"The JWK Set is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("keys", out var keysElement)
                || keysElement.ValueKind != JsonValueKind.Array)
            {
                error = "The JWK Set must be a JSON object with a \"keys\" array.";
                return false;
            }

            var keys = new List<JsonWebKey>();
            var index = 0;
            foreach (var keyElement in keysElement.EnumerateArray())
            {
                if (!TryReadKey(keyElement, index, out var key, out error))
                {
                    return false;
                }

                keys.Add(key);
                index++;
            }

            var duplicateKeyId = FindDuplicateKeyId(keys);
            if (duplicateKeyId is not null)
            {
                error = $"The JWK Set contains more than one key with kid '{duplicateKeyId}'. Each kid must name one key.";
                return false;
            }

            keySet = new JsonWebKeySet(keys);
            error = null;
            return true;
        }
    }

    private static bool TryReadKey(
        JsonElement element,
        int index,
        [NotNullWhen(true)] out JsonWebKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"Key {index} of the JWK Set is not a JSON object.";
            return false;
        }

        if (!TryReadOptionalString(element, "kty", index, out var keyType, out error)
            || !TryReadOptionalString(element, "crv", index, out var curve, out error)
            || !TryReadOptionalString(element, "x", index, out var x, out error)
            || !TryReadOptionalString(element, "y", index, out var y, out error)
            || !TryReadOptionalString(element, "kid", index, out var keyId, out error)
            || !TryReadOptionalString(element, "alg", index, out var algorithm, out error)
            || !TryReadOptionalString(element, "use", index, out var use, out error))
        {
            return false;
        }

        if (keyType is null)
        {
            error = $"Key {index} of the JWK Set has no \"kty\" member.";
            return false;
        }

        key = new JsonWebKey(keyType, curve, x, y, keyId, algorithm, use);
        return true;
    }

    private static bool TryReadOptionalString(
        JsonElement keyElement,
        string memberName,
        int keyIndex,
        out string? value,
        [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!keyElement.TryGetProperty(memberName, out var member))
        {
            return true;
        }

        if (!JsonElementText.TryGetString(member, out value))
        {
            error = $"Member \"{memberName}\" of key {keyIndex} in the JWK Set must be a string of valid Unicode text.";
            return false;
        }

        return true;
    }

    private static string? FindDuplicateKeyId(IEnumerable<JsonWebKey> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.KeyId is not null && !seen.Add(key.KeyId))
            {
                return key.KeyId;
            }
        }

        return null;
    }
}
