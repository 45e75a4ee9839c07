using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Ledger;

/// <summary>A claim read from a request body, or the 400 problem that explains why it cannot be appended.</summary>
internal sealed record ParsedClaim(Claim? Claim, ValidationProblem? Problem);

/// <summary>Reads and checks the body of <c>POST /ledger/claims</c>, keeping the claim's bytes as sent.</summary>
internal static class ClaimBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // RequestBodyLimitMiddleware has already bounded the body, so reading it whole is safe.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Checks that the body is one JSON object with a valid string <c>id</c> and, when it has a <c>hash</c>
    /// member, that the hash is the claim's digest. The stored bytes are the body without surrounding white space.
    /// </summary>
    public static ParsedClaim Parse(byte[] body, JsonDocumentOptions options)
    {
        var bytes = TrimWhiteSpace(body);
        if (bytes.Length == 0)
        {
            return Fail(ErrorCodes.BadRequest, "claim", "The request body is empty; send the claim as a JSON object.");
        }

        string? id;
        string? hash;
        try
        {
            using var document = JsonDocument.Parse(bytes, options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(ErrorCodes.InvalidClaim, "claim", $"A claim must be a JSON object, not a {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
            {
                return Fail(ErrorCodes.InvalidClaim, "id", "id is required and must be a string.");
            }

            id = ReadString(idElement);
            if (id is null)
            {
                return Fail(ErrorCodes.InvalidClaim, "id", "id is invalid: it contains an unpaired surrogate escape, which is not valid Unicode text. Send the character itself or a complete surrogate pair.");
            }

            hash = null;
            if (root.TryGetProperty("hash", out var hashElement))
            {
                hash = hashElement.ValueKind == JsonValueKind.String ? ReadString(hashElement) : null;
                if (hash is null)
                {
                    return Fail(ErrorCodes.InvalidClaim, "hash", "hash must be a string: \"sha256:\" followed by 64 lowercase hex characters.");
                }
            }
        }
        catch (JsonException)
        {
            return Fail(ErrorCodes.MalformedJson, "claim", "The request body is not valid JSON, or an object has the same member twice.");
        }
        catch (InvalidOperationException)
        {
            // The duplicate member check unescapes every member name, and an unpaired surrogate such as "\ud800" cannot be unescaped.
            return Fail(ErrorCodes.InvalidClaim, "claim", "A member name contains an unpaired surrogate escape, which is not valid Unicode text. Send the character itself or a complete surrogate pair.");
        }

        var errors = new FieldErrors();
        if (InputRules.Id(errors, "id", id) is null)
        {
            return new ParsedClaim(null, errors.ToProblem(ErrorCodes.InvalidClaim));
        }

        string digest;
        try
        {
            digest = ClaimDigest.Compute(bytes.Span);
        }
        catch (InvalidInputException ex)
        {
            return Fail(ErrorCodes.InvalidClaim, "claim", $"The claim cannot be canonicalized (RFC 8785) to compute its digest: {ex.Message}");
        }

        if (hash is not null && !string.Equals(hash, digest, StringComparison.Ordinal))
        {
            var detail = ClaimDigest.TryParse(hash, out _)
                ? $"hash is {hash}, but the claim's digest (SHA-256 of its RFC 8785 form without hash) is {digest}."
                : "hash must be \"sha256:\" followed by 64 lowercase hex characters.";
            return Fail(ErrorCodes.ClaimHashMismatch, "hash", detail);
        }

        return new ParsedClaim(new Claim(id!, digest, bytes.ToArray()), null);
    }

    /// <summary>Reads a JSON string, or returns null when its escapes spell invalid UTF-16 such as a lone surrogate.</summary>
    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static ParsedClaim Fail(string code, string field, string message) =>
        new(null, new FieldErrors().Add(field, message).ToProblem(code));

    private static ReadOnlyMemory<byte> TrimWhiteSpace(byte[] body)
    {
        var start = 0;
        var end = body.Length;
        while (start < end && IsJsonWhiteSpace(body[start]))
        {
            start++;
        }

        while (end > start && IsJsonWhiteSpace(body[end - 1]))
        {
            end--;
        }

        return body.AsMemory(start, end - start);
    }

    private static bool IsJsonWhiteSpace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
}
