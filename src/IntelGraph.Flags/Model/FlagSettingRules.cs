using IntelGraph.Core;

namespace IntelGraph.Flags.Model;

/// <summary>The rules for the values of a <see cref="FlagSetting"/>, shared by the file reader and <c>intelgraph flags set</c>.</summary>
public static class FlagSettingRules
{
    /// <summary>Returns why <paramref name="value"/> is not a valid tenant name, or null when it is.</summary>
    public static string? TenantProblem(string value) =>
        TenantId.TryParse(value, out _)
            ? null
            : $"invalid tenant name '{value}'; use 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.";

    /// <summary>
    /// Returns why <paramref name="value"/> is not a valid group name, or null when it is. Names are
    /// written without Keycloak's leading '/' of full group paths, because the evaluator strips it from token groups.
    /// </summary>
    public static string? GroupProblem(string value) =>
        value.Length == 0 || value.StartsWith('/') || value.Any(character => char.IsWhiteSpace(character) || char.IsControl(character))
            ? $"invalid group name '{value}'; write the group name without a leading '/' and without spaces."
            : null;

    /// <summary>Returns why <paramref name="value"/> is not a valid rollout percentage, or null when it is.</summary>
    public static string? PercentageProblem(double value) =>
        double.IsFinite(value) && value is >= 0 and <= 100 ? null : $"invalid percentage {value}; expected a number from 0 to 100.";

    /// <summary>Returns why the combination is contradictory, or null: <c>enabled: true</c> already covers everyone, so targeting would have no effect.</summary>
    public static string? CombinationProblem(FlagSetting setting) =>
        setting.Enabled && setting.HasTargeting
            ? "enabled: true turns the flag on for everyone, so tenants, groups and percentage would have no effect; remove them or set enabled: false."
            : null;
}
