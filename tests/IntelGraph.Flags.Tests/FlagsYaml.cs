using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Tests;

/// <summary>Builds flags files for tests: every flag declared, and environments given as YAML blocks.</summary>
internal static class FlagsYaml
{
    public const string Header = """
        version: 1
        metadata:
          changedBy: tester
        flags:
          enableXAI: { description: XAI }
          enableFederation: { description: Federation }
          enableWallets: { description: Wallets }
          enableOffline: { description: Offline }
          strictOPA: { description: Strict OPA }
          prodMode: { description: Production mode }
        environments:

        """;

    /// <summary>
    /// Returns a file with one environment whose flags are all <c>false</c> except the given lines,
    /// each written as <c>flagName: value</c> (a value may be a flow mapping).
    /// </summary>
    public static string WithEnvironment(string environment, params string[] flagLines) =>
        Header + Environment(environment, flagLines);

    public static string Environment(string environment, params string[] flagLines)
    {
        var lines = new List<string> { $"  {environment}:" };
        foreach (var flag in FlagNames.All)
        {
            var given = flagLines.FirstOrDefault(line => line.StartsWith(flag + ":", StringComparison.Ordinal));
            lines.Add("    " + (given ?? $"{flag}: false"));
        }

        return string.Join("\n", lines) + "\n";
    }

    public static string Repository => Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "unified.yaml");
}
