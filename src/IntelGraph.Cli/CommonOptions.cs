using System.CommandLine;

namespace IntelGraph.Cli;

/// <summary>Options shared by several commands, created fresh per command so each shows its own help.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db")
    {
        Description = $"Path of the SQLite database file (default: ${CliEnvironment.DatabaseVariable}, else .intelgraph/intelgraph.db).",
    };

    public static Option<string> Tenant(bool required = true) => new("--tenant")
    {
        Description = "Tenant name: lowercase letters, digits, '-' and '_'.",
        Required = required,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write the result as JSON on standard output, for scripts.",
    };
}
