using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;

namespace IntelGraph.Release.Policy;

/// <summary>
/// The repository's release rules that the compliance and security gates apply
/// (<c>deploy/release-policy.json</c>): the accepted dependency licences, dependencies accepted without
/// a licence id, and tracked files the secret scan skips. Every exception carries its reason.
/// </summary>
public sealed record ReleasePolicy(
    IReadOnlyList<string> AllowedLicences,
    IReadOnlyList<LicenceException> LicenceExceptions,
    IReadOnlyList<SecretScanException> SecretScanExceptions)
{
    public const string DefaultPath = "deploy/release-policy.json";

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <exception cref="InvalidInputException">The file is missing or invalid; the message names the file, line and field.</exception>
    public static ReleasePolicy Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"The release policy {path} does not exist; it lists the accepted licences and the secret scan's exceptions.");
        }

        ReleasePolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<ReleasePolicy>(File.ReadAllBytes(path), _options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{path}:{(ex.LineNumber ?? -1) + 1}: {ex.Path}: {ex.Message}");
        }

        if (policy is null)
        {
            throw new InvalidInputException($"{path} is empty; expected an object with allowedLicences, licenceExceptions and secretScanExceptions.");
        }

        foreach (var (exception, index) in policy.LicenceExceptions.Select((exception, index) => (exception, index)))
        {
            RequireReason(path, $"licenceExceptions[{index}]", exception.Reason);
        }

        foreach (var (exception, index) in policy.SecretScanExceptions.Select((exception, index) => (exception, index)))
        {
            RequireReason(path, $"secretScanExceptions[{index}]", exception.Reason);
        }

        return policy;
    }

    private static void RequireReason(string path, string field, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException($"{path}: {field}.reason is empty; every exception must say why it is safe.");
        }
    }
}

/// <summary>A dependency accepted although its SBOM entry has no accepted licence id.</summary>
/// <param name="Component">The package name as the SBOM names it.</param>
public sealed record LicenceException(string Component, string Reason);

/// <summary>A tracked file the secret scan skips, named by its path from the repository root.</summary>
public sealed record SecretScanException(string Path, string Reason);
