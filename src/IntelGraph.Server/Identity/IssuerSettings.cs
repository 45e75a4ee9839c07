using IntelGraph.Core;
using IntelGraph.Server.Configuration;

namespace IntelGraph.Server.Identity;

/// <summary>The issuer whose tokens the server accepts: an external one, or the embedded development issuer.</summary>
/// <param name="Authority">The issuer URL; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</param>
/// <param name="RealmPath">For the embedded issuer, the path of its realm without a leading slash, such as <c>auth/realms/intelgraph</c>.</param>
internal sealed record IssuerSettings(Uri Authority, bool IsEmbedded, string RealmPath)
{
    /// <summary>The listening URL used when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    private static readonly string[] _wildcardHosts = ["*", "+", "0.0.0.0", "[::]", "::"];

    /// <summary>Resolves the issuer from the options and the server's listening URLs (<c>urls</c> in configuration).</summary>
    /// <exception cref="InvalidInputException">The settings do not give a usable absolute issuer URL; the message names the setting to fix.</exception>
    public static IssuerSettings Resolve(AuthOptions options, string? listeningUrls)
    {
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            if (!Uri.TryCreate(options.Authority.TrimEnd('/'), UriKind.Absolute, out var external) || external.Scheme is not ("http" or "https"))
            {
                throw new InvalidInputException(
                    $"IntelGraph:Auth:Authority '{options.Authority}' is not an absolute http or https URL. Set it to the issuer URL, for example https://sso.example/realms/intelgraph.");
            }

            return new IssuerSettings(external, IsEmbedded: false, RealmPath: string.Empty);
        }

        var realm = options.DevIssuer.Realm;
        if (string.IsNullOrWhiteSpace(realm) || realm.Any(character => !char.IsAsciiLetterOrDigit(character) && character is not ('-' or '_')))
        {
            throw new InvalidInputException(
                $"IntelGraph:Auth:DevIssuer:Realm '{realm}' is invalid: use ASCII letters, digits, '-' or '_'.");
        }

        var baseUrl = PublicBaseUrl(options.DevIssuer.PublicUrl, listeningUrls);
        var realmPath = $"auth/realms/{realm}";
        return new IssuerSettings(new Uri($"{baseUrl}/{realmPath}"), IsEmbedded: true, realmPath);
    }

    /// <summary>Returns true for an http URL on a loopback address, where fetching discovery without TLS is acceptable.</summary>
    public bool IsLoopbackHttp => Authority.Scheme == Uri.UriSchemeHttp && Authority.IsLoopback;

    private static string PublicBaseUrl(string? publicUrl, string? listeningUrls)
    {
        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var configured) || configured.Scheme is not ("http" or "https"))
            {
                throw new InvalidInputException(
                    $"IntelGraph:Auth:DevIssuer:PublicUrl '{publicUrl}' is not an absolute http or https URL such as http://127.0.0.1:8080.");
            }

            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        var first = (listeningUrls ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        var hostStart = first.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = first.LastIndexOf(':');
        var host = hostStart > 2 && hostEnd > hostStart ? first[hostStart..hostEnd] : string.Empty;
        if (_wildcardHosts.Contains(host, StringComparer.Ordinal)
            || !Uri.TryCreate(first, UriKind.Absolute, out var listening)
            || listening.Port == 0)
        {
            throw new InvalidInputException(
                $"The development issuer cannot derive its public URL from the listening URL '{first}', because it has no concrete host and port. Set IntelGraph:Auth:DevIssuer:PublicUrl to the URL clients use, for example http://127.0.0.1:8080.");
        }

        return listening.GetLeftPart(UriPartial.Authority);
    }
}
