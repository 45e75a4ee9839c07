namespace IntelGraph.Release.Target;

/// <summary>
/// A client of the target's token endpoint and where its secret comes from. The secret itself is read
/// only when a token is minted, and never written to evidence or logs.
/// </summary>
/// <param name="SecretSource">Where the secret was read from, such as <c>env:INTELGRAPH_API_SECRET</c>, for messages.</param>
public sealed record ClientCredential(string ClientId, string SecretSource, Func<string?> ReadSecret)
{
    /// <summary>A client whose secret is an environment variable.</summary>
    public static ClientCredential FromEnvironment(string clientId, string variable) =>
        new(clientId, $"env:{variable}", () => Environment.GetEnvironmentVariable(variable));

    /// <summary>A client whose secret is the text of a file, without a trailing line break.</summary>
    public static ClientCredential FromFile(string clientId, string path) =>
        new(clientId, $"file:{path}", () => File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : null);
}
