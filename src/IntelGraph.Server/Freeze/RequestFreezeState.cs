using System.Text;
using IntelGraph.Governance;

namespace IntelGraph.Server.Freeze;

/// <summary>
/// The write freeze as one request last read it. The banner header is written from it when the
/// response starts, so a write's header shows what its own transaction saw.
/// </summary>
internal sealed class RequestFreezeState
{
    public const string BannerHeader = "X-IntelGraph-Banner";

    public WriteFreeze? Current { get; set; }

    /// <summary>
    /// Makes a banner safe for an HTTP header: '%', control characters and every non-ASCII character are
    /// percent-encoded as UTF-8 bytes, everything else is kept, so decodeURIComponent restores the text.
    /// </summary>
    public static string EncodeBanner(string banner)
    {
        var encoded = new StringBuilder(banner.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in banner.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F and not '%')
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var value in bytes[..length])
            {
                encoded.Append('%').Append(value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
