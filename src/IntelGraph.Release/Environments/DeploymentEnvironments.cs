namespace IntelGraph.Release.Environments;

/// <summary>The environments file: where each environment is served, which gates it requires, and where release records and the signing key live.</summary>
/// <param name="SigningKey">The release signing key's PEM file, relative to the current folder when not absolute.</param>
/// <param name="Records">The folder of release records and their evidence.</param>
public sealed record DeploymentEnvironments(string File, string SigningKey, string Records, IReadOnlyDictionary<string, DeploymentEnvironment> Environments)
{
    public const string DefaultPath = "deploy/environments.yaml";

    public static IReadOnlyList<string> KnownGates { get; } = ["smoke", "perf", "compliance", "security"];

    public static IReadOnlyList<string> KnownEnvironments { get; } = ["dev", "stage", "prod"];
}

/// <summary>One environment: its base URL and the gates a promotion to it must pass, in the order they run.</summary>
public sealed record DeploymentEnvironment(string Name, Uri Url, IReadOnlyList<string> Gates);
