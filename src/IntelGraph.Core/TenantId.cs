using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace IntelGraph.Core;

/// <summary>
/// The name of a tenant. Every stored row is scoped by one, so the name is validated once here
/// and never again by the stores.
/// </summary>
public readonly partial record struct TenantId
{
    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static TenantId Parse(string? value)
    {
        if (TryParse(value, out var tenant))
        {
            return tenant;
        }

        throw new InvalidInputException(
            $"Invalid tenant name '{value}': use 1 to 63 characters of lowercase letters, digits, '-' or '_', starting with a letter or digit.");
    }

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId tenant)
    {
        if (value is not null && TenantPattern().IsMatch(value))
        {
            tenant = new TenantId(value);
            return true;
        }

        tenant = default;
        return false;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex TenantPattern();
}
