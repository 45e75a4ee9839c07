using System.Text.Json;

namespace IntelGraph.Migration.Sample;

/// <summary>Writes a claim's members in the pilot ledger's member order.</summary>
internal static class ClaimJson
{
    public const int UnknownMemberSets = 4;

    public static readonly JsonEncodedText HashName = JsonEncodedText.Encode("hash");

    private static readonly JsonEncodedText _id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText _edgeId = JsonEncodedText.Encode("edgeId");
    private static readonly JsonEncodedText _subject = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText _predicate = JsonEncodedText.Encode("predicate");
    private static readonly JsonEncodedText _object = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText _statement = JsonEncodedText.Encode("statement");
    private static readonly JsonEncodedText _sources = JsonEncodedText.Encode("sources");
    private static readonly JsonEncodedText _name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText _url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText _citation = JsonEncodedText.Encode("citation");
    private static readonly JsonEncodedText _status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText _createdAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText _modifiedAt = JsonEncodedText.Encode("modifiedAt");

    /// <summary>Writes every member except <c>hash</c> into an object the caller has opened.</summary>
    public static void WriteMembers(Utf8JsonWriter json, SampleClaim claim, bool includeId)
    {
        if (includeId)
        {
            json.WriteString(_id, claim.Id);
        }

        json.WriteString(_edgeId, claim.EdgeId);
        json.WriteString(_subject, claim.SubjectId);
        json.WriteString(_predicate, claim.Predicate);

        // One set sits between known members, so an import that rebuilds the object in its own member order is caught.
        if (claim.UnknownMembers == 1)
        {
            WriteUnknownMembers(json, claim.UnknownMembers);
        }

        json.WriteString(_object, claim.ObjectId);
        json.WriteString(_statement, claim.Statement);
        json.WriteStartArray(_sources);
        foreach (SampleSource source in claim.Sources)
        {
            json.WriteStartObject();
            json.WriteString(_name, source.Name);
            json.WriteString(_url, source.Url);
            json.WriteString(_citation, source.Citation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString(_status, claim.Status);
        json.WriteString(_createdAt, claim.CreatedAt);
        json.WriteString(_modifiedAt, claim.ModifiedAt);
        if (claim.UnknownMembers is >= 0 and not 1)
        {
            WriteUnknownMembers(json, claim.UnknownMembers);
        }
    }

    /// <summary>
    /// Writes members that IntelGraph does not know. Their numbers are written as raw text that
    /// differs from the RFC 8785 form (<c>1E+21</c> is <c>1e+21</c> there, <c>0.10</c> is <c>0.1</c>,
    /// <c>-0</c> is <c>0</c>), so an import that re-serializes a claim instead of keeping its text
    /// verbatim changes the bytes, though not the digest.
    /// </summary>
    private static void WriteUnknownMembers(Utf8JsonWriter json, int set)
    {
        switch (set)
        {
            case 0:
                json.WriteStartObject("x_pilot_review");
                WriteRawNumber(json, "score", "0.10");
                WriteRawNumber(json, "confidence", "1.0E-7");
                WriteRawNumber(json, "weight", "1E+21");
                json.WriteStartObject("reviewer");
                json.WriteString("zone", "ot");
                json.WriteString("name", "analyst-04");
                json.WriteEndObject();
                json.WriteStartArray("flags");
                json.WriteStringValue("needs-review");
                WriteRawItem(json, "2.50");
                json.WriteEndArray();
                json.WriteEndObject();
                break;

            case 1:
                WriteRawNumber(json, "x_pilot_rank", "100.0");
                break;

            case 2:
                json.WriteStartArray("x_pilot_scores");
                foreach (string number in (ReadOnlySpan<string>)["1e2", "-0", "0.000001", "12345678901234567890", "1E-7"])
                {
                    WriteRawItem(json, number);
                }

                json.WriteEndArray();
                json.WriteStartObject("x_pilot_note");
                json.WriteBoolean("zeta", true);
                json.WriteNull("alpha");
                json.WriteString("Émile", "a member name outside ASCII");
                json.WriteEndObject();
                break;

            default:
                // Upper case sorts before every lower-case member name in the canonical order.
                json.WriteStartObject("X-Legacy-Ingest");
                WriteRawNumber(json, "batch", "42");
                WriteRawNumber(json, "ratio", "0.1000");
                json.WriteString("at", "2024-11-05T08:30:00Z");
                json.WriteEndObject();
                break;
        }
    }

    private static void WriteRawNumber(Utf8JsonWriter json, string name, string rawText)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(rawText);
    }

    /// <summary>
    /// Writes a raw value as an array item. The writer puts no line break before a raw array item, so
    /// an indented writer gets the line break and indentation as part of the raw text.
    /// </summary>
    private static void WriteRawItem(Utf8JsonWriter json, string rawText)
    {
        if (!json.Options.Indented)
        {
            json.WriteRawValue(rawText);
            return;
        }

        string indentation = new(json.Options.IndentCharacter, json.CurrentDepth * json.Options.IndentSize);
        json.WriteRawValue(string.Concat("\n", indentation, rawText));
    }
}
