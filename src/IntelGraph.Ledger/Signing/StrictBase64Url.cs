using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace IntelGraph.Ledger.Signing;

/// <summary>
/// Base64url decoding as JWS and JWK require it (RFC 7515, section 2): no padding, no white space and
/// no non-zero trailing bits.
/// </summary>
internal static class StrictBase64Url
{
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null)
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Base64Url.DecodeFromChars skips white space and padding, so only text that re-encodes to
        // itself is in the canonical form.
        if (!string.Equals(Base64Url.EncodeToString(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
