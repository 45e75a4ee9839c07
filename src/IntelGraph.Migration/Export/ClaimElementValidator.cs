using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Checks one element of a claims array: it must be valid UTF-8 and valid JSON, an object, with exactly one
/// non-empty string <c>id</c> and exactly one string <c>hash</c>. Other members are only checked for syntax.
/// </summary>
internal static class ClaimElementValidator
{
    /// <summary>
    /// Validates <paramref name="json"/>, which starts on <paramref name="firstLine"/> of its file. Returns null when
    /// the element is a claim, or one sentence on what is wrong. <paramref name="id"/> is set whenever it was read.
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> json, long firstLine, out string? id, out string? hash)
    {
        id = null;
        hash = null;
        if (!Utf8.IsValid(json))
        {
            return $"The element has bytes that are not valid UTF-8 on line {firstLine + CountLinesBefore(json, FindInvalidUtf8(json))}.";
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions());
        var idCount = 0;
        var hashCount = 0;
        JsonTokenType? idType = null;
        JsonTokenType? hashType = null;
        try
        {
            reader.Read();
            var rootType = reader.TokenType;
            if (rootType != JsonTokenType.StartObject)
            {
                // Read the rest so that text after a scalar is reported as invalid JSON, not as a wrong type.
                reader.Skip();
                reader.Read();
                return $"The element is a JSON {Describe(rootType)}, but a claim must be a JSON object.";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isHash = !isId && reader.ValueTextEquals("hash"u8);
                reader.Read();
                if (isId)
                {
                    idCount++;
                    idType = reader.TokenType;
                    if (!TryReadText(ref reader, out id))
                    {
                        return LoneSurrogate("id");
                    }
                }
                else if (isHash)
                {
                    hashCount++;
                    hashType = reader.TokenType;
                    if (!TryReadText(ref reader, out hash))
                    {
                        return LoneSurrogate("hash");
                    }
                }

                reader.Skip();
            }

            // Reading past the object's end raises on anything but white space after it.
            reader.Read();
        }
        catch (JsonException exception)
        {
            return $"The element is not valid JSON on line {firstLine + (exception.LineNumber ?? 0)}: {WithoutPosition(exception.Message)}";
        }

        return CheckMember("id", idCount, idType, id, requireNonEmpty: true)
            ?? CheckMember("hash", hashCount, hashType, hash, requireNonEmpty: false);
    }

    /// <summary>Reads the current token as text when it is a string. Returns false when an escape in it is a lone surrogate.</summary>
    private static bool TryReadText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return true;
        }

        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // The reader accepts an escaped lone surrogate as JSON but cannot turn it into a string.
            return false;
        }
    }

    private static string LoneSurrogate(string member) =>
        $"The claim's '{member}' member has an escape of a lone surrogate, but I-JSON (RFC 7493) requires strings to be valid Unicode. Correct the escape in the export and migrate again.";

    private static string? CheckMember(string name, int count, JsonTokenType? type, string? value, bool requireNonEmpty)
    {
        var expected = requireNonEmpty ? "a non-empty string" : "a string";
        if (count == 0)
        {
            return $"The claim has no '{name}' member, but it must have one whose value is {expected}.";
        }

        if (count > 1)
        {
            return $"The claim has {count} '{name}' members, so its {name} is ambiguous.";
        }

        if (type != JsonTokenType.String)
        {
            return $"The claim's '{name}' member is a JSON {Describe(type!.Value)}, but it must be {expected}.";
        }

        if (requireNonEmpty && string.IsNullOrEmpty(value))
        {
            return $"The claim's '{name}' member is an empty string, but it must be {expected}.";
        }

        return null;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>Drops the " LineNumber: … | BytePositionInLine: …" suffix, which counts from the element, not the file.</summary>
    private static string WithoutPosition(string message)
    {
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix];
    }

    private static int FindInvalidUtf8(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (offset < json.Length)
        {
            if (Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        return offset;
    }

    private static int CountLinesBefore(ReadOnlySpan<byte> json, int offset) => json[..offset].Count((byte)'\n');
}
