using System.Globalization;
using System.Text;

namespace IntelGraph.Server.Http;

/// <summary>
/// The checks shared by every endpoint for ids, free text and paging parameters. Each check adds a
/// message naming the field to a <see cref="FieldErrors"/> and returns null when the value is unusable.
/// </summary>
internal static class InputRules
{
    /// <summary>The longest id accepted for a case, task, report, claim, manifest or entity.</summary>
    public const int MaxIdLength = 256;

    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks an id: 1 to 256 characters of valid Unicode, without control characters, surrounding white
    /// space or '/' and '\', because ids appear as path segments in URLs.
    /// </summary>
    public static string? Id(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, $"{field} is required and must be a non-empty string.");
            return null;
        }

        if (value.Length > MaxIdLength)
        {
            errors.Add(field, $"{field} has {value.Length} characters; at most {MaxIdLength} are allowed.");
            return null;
        }

        if (!string.Equals(value, value.Trim(), StringComparison.Ordinal) || !IsPrintableUnicode(value) || value.AsSpan().ContainsAny('/', '\\'))
        {
            errors.Add(field, $"{field} must not contain '/', '\\', control characters, invalid Unicode or leading or trailing white space.");
            return null;
        }

        return value;
    }

    /// <summary>Checks free text such as a title: required or optional, at most <paramref name="maxLength"/> characters, no control characters except tab and line breaks.</summary>
    public static string? Text(FieldErrors errors, string field, string? value, int maxLength, bool required)
    {
        if (value is null || (required && value.Trim().Length == 0))
        {
            if (required)
            {
                errors.Add(field, $"{field} is required and must be a non-empty string.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"{field} has {value.Length} characters; at most {maxLength} are allowed.");
            return null;
        }

        if (!IsPrintableUnicode(value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ')))
        {
            errors.Add(field, $"{field} must not contain control characters (other than tab and line breaks) or invalid Unicode.");
            return null;
        }

        return value;
    }

    /// <summary>Parses the <c>limit</c> query parameter: absent means <see cref="DefaultPageSize"/>, else 1 to <see cref="MaxPageSize"/>.</summary>
    public static int? PageSize(FieldErrors errors, string? value)
    {
        if (value is null)
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxPageSize)
        {
            errors.Add("limit", $"limit must be an integer from 1 to {MaxPageSize}.");
            return null;
        }

        return limit;
    }

    /// <summary>Cuts a client-supplied value for messages, so a hostile value cannot make a response huge.</summary>
    public static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static bool IsPrintableUnicode(string value)
    {
        foreach (var character in value)
        {
            if (char.IsControl(character))
            {
                return false;
            }
        }

        try
        {
            _strictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
