using System.Text.RegularExpressions;
using IntelGraph.Release.Policy;

namespace IntelGraph.Release.Security;

/// <summary>One suspected secret: where it is and which rule matched. The matched text is never kept, only a masked hint.</summary>
public sealed record SecretFinding(string Path, int Line, string Rule, string Hint)
{
    public override string ToString() => $"{Path}:{Line}: {Rule} ({Hint})";
}

/// <summary>
/// Scans text files for committed secrets: private keys (PEM and JWK), JSON Web Tokens, well-known cloud
/// and forge token formats, credentials in URLs, and password, secret, token or API key values in
/// configuration. Placeholders such as <c>SECRET</c>, <c>***</c>, <c>$VARIABLE</c> and <c>&lt;value&gt;</c> are not secrets.
/// </summary>
public static partial class SecretScanner
{
    /// <summary>The largest file read; bigger tracked files are data sets, not configuration.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    private static readonly (string Rule, Regex Pattern, bool ConfigOnly)[] _rules =
    [
        ("private-key", PemPrivateKey(), false),
        ("jwk-private-key", JwkPrivateMember(), false),
        ("json-web-token", JsonWebToken(), false),
        ("aws-access-key", AwsAccessKey(), false),
        ("github-token", GitHubToken(), false),
        ("slack-token", SlackToken(), false),
        ("url-credentials", UrlCredentials(), false),
        ("config-secret", ConfigSecret(), true),
    ];

    private static readonly HashSet<string> _configExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".yaml", ".yml", ".env", ".ini", ".cfg", ".conf", ".config", ".properties", ".toml", ".xml", ".props", ".sh", ".txt",
    };

    /// <summary>Scans the tracked files under <paramref name="root"/>, skipping the policy's exceptions, and returns the findings and the number of files read.</summary>
    public static async Task<(IReadOnlyList<SecretFinding> Findings, int FilesScanned, IReadOnlyList<string> Skipped)> ScanAsync(
        string root, IReadOnlyList<string> trackedFiles, IReadOnlyList<SecretScanException> exceptions, CancellationToken cancellationToken)
    {
        var findings = new List<SecretFinding>();
        var skipped = new List<string>();
        var scanned = 0;
        foreach (var relative in trackedFiles)
        {
            var exception = exceptions.FirstOrDefault(candidate => string.Equals(candidate.Path, relative, StringComparison.Ordinal));
            if (exception is not null)
            {
                skipped.Add($"{relative} ({exception.Reason})");
                continue;
            }

            var path = Path.Combine(root, relative);
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                continue;
            }

            scanned++;
            findings.AddRange(ScanText(relative, System.Text.Encoding.UTF8.GetString(bytes)));
        }

        return (findings, scanned, skipped);
    }

    /// <summary>Scans one file's text; <paramref name="path"/> decides whether the configuration rule applies.</summary>
    public static IEnumerable<SecretFinding> ScanText(string path, string text)
    {
        var isConfig = _configExtensions.Contains(Path.GetExtension(path)) || Path.GetFileName(path).StartsWith(".env", StringComparison.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            foreach (var (rule, pattern, configOnly) in _rules)
            {
                if (configOnly && !isConfig)
                {
                    continue;
                }

                foreach (Match match in pattern.Matches(lines[index]))
                {
                    var value = match.Groups["value"].Success ? match.Groups["value"].Value : match.Value;
                    if (IsPlaceholder(value))
                    {
                        continue;
                    }

                    yield return new SecretFinding(path, index + 1, rule, Mask(value));
                }
            }
        }
    }

    /// <summary>True for values that stand for a secret without being one: variables, masks, examples and references to files or vaults.</summary>
    internal static bool IsPlaceholder(string value)
    {
        var trimmed = value.Trim().Trim('"', '\'');
        if (trimmed.Length < 8)
        {
            return true;
        }

        if (trimmed.StartsWith('$') || trimmed.StartsWith('<') || trimmed.StartsWith('{') || trimmed.StartsWith('%') || trimmed.Contains("***", StringComparison.Ordinal))
        {
            return true;
        }

        var upper = trimmed.ToUpperInvariant();
        string[] words = ["SECRET", "PASSWORD", "CHANGEME", "EXAMPLE", "PLACEHOLDER", "REDACTED", "XXXX", "YOUR_", "DUMMY"];
        return words.Any(upper.Contains) && !LooksRandom(trimmed);
    }

    /// <summary>True when the value mixes letters and digits, as generated secrets do and words do not.</summary>
    private static bool LooksRandom(string value) => value.Any(char.IsDigit) && value.Any(char.IsLetter) && value.Length >= 16;

    private static string Mask(string value) => value.Length <= 4 ? "****" : value[..Math.Min(4, value.Length / 4)] + "…";

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"""(?:d|p|q|dp|dq)""\s*:\s*""(?<value>[A-Za-z0-9_-]{32,})""")]
    private static partial Regex JwkPrivateMember();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^\s:/@""']+:(?<value>[^\s@/""']+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(
        @"(?:password|passwd|pwd|secret|client_secret|clientsecret|api[_-]?key|access[_-]?token|auth[_-]?token|private[_-]?key)[""']?\s*[:=]\s*[""']?(?<value>[^\s""',;}]+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex ConfigSecret();
}
