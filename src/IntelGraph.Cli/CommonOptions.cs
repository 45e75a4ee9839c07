using System.CommandLine;
using System.Globalization;
using IntelGraph.Core;

namespace IntelGraph.Cli;

/// <summary>Options shared by several commands, created fresh per command so each shows its own help.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db")
    {
        Description = $"The store: an SQLite file path, or a PostgreSQL postgres://USER@HOST:PORT/DATABASE URL (default: ${CliEnvironment.DatabaseVariable}, else .intelgraph/intelgraph.db).",
    };

    public static Option<string> Tenant(bool required = true)
    {
        var option = new Option<string>("--tenant")
        {
            Description = "Tenant name: 1 to 63 lowercase letters, digits, '-' and '_', starting with a letter or digit.",
            Required = required,
        };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !TenantId.TryParse(value, out _))
            {
                result.AddError($"Invalid tenant name '{value}': use 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
            }
        });
        return option;
    }

    /// <summary>An optional whole-number option that must be at least <paramref name="minimum"/>; a bad value is a usage error, not a crash.</summary>
    public static Option<long?> WholeNumber(string name, string description, long minimum = 1)
    {
        var option = new Option<long?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is not null && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum))
            {
                result.AddError($"Invalid value '{text}' for {name}: expected a whole number from {minimum} to {long.MaxValue}.");
            }
        });
        return option;
    }

    public static Option<string?> LegacyDatabase() => new("--legacy-db")
    {
        Description = "The old pilot's PostgreSQL database (postgres://USER@HOST:PORT/DATABASE) to read legacy_cases, legacy_tasks and legacy_reports from, instead of the export's CSV files.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write the result as JSON on standard output, for scripts.",
    };
}
