using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace IntelGraph.Ledger.Signing;

/// <summary>String reads from untrusted JSON that report bad text instead of throwing.</summary>
internal static class JsonElementText
{
    /// <summary>
    /// Reads a string value. Returns false when the element is not a string or its text cannot be
    /// decoded. <see cref="JsonDocument"/> parses both invalid UTF-8 and lone surrogate escapes such as
    /// "\ud800", and only <see cref="JsonElement.GetString"/> rejects them, with an
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
