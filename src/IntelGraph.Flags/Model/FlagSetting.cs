namespace IntelGraph.Flags.Model;

/// <summary>
/// One flag's setting in one environment. <see cref="Enabled"/> true turns the flag on for every caller.
/// Otherwise the flag is on only for callers of a listed tenant, callers with a listed group claim, and
/// the given percentage of the remaining users, chosen by user id so each user keeps the same value.
/// </summary>
/// <param name="Percentage">The share of users, from 0 to 100, that get the flag although no tenant or group matches.</param>
public sealed record FlagSetting(bool Enabled, IReadOnlyList<string> Tenants, IReadOnlyList<string> Groups, double Percentage)
{
    public static FlagSetting On { get; } = new(true, [], [], 0);

    public static FlagSetting Off { get; } = new(false, [], [], 0);

    /// <summary>True when the flag is off by default but on for some tenants, groups or a share of users.</summary>
    public bool HasTargeting => Tenants.Count > 0 || Groups.Count > 0 || Percentage > 0;

    // Records compare lists by reference; two settings with the same tenants and groups are the same setting.
    public bool Equals(FlagSetting? other) =>
        other is not null
        && Enabled == other.Enabled
        && Percentage.Equals(other.Percentage)
        && Tenants.SequenceEqual(other.Tenants, StringComparer.Ordinal)
        && Groups.SequenceEqual(other.Groups, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Enabled);
        hash.Add(Percentage);
        foreach (var tenant in Tenants)
        {
            hash.Add(tenant, StringComparer.Ordinal);
        }

        hash.Add('|');
        foreach (var group in Groups)
        {
            hash.Add(group, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        if (Enabled)
        {
            return "on";
        }

        if (!HasTargeting)
        {
            return "off";
        }

        var parts = new List<string>();
        if (Tenants.Count > 0)
        {
            parts.Add($"tenants {string.Join(", ", Tenants)}");
        }

        if (Groups.Count > 0)
        {
            parts.Add($"groups {string.Join(", ", Groups)}");
        }

        if (Percentage > 0)
        {
            parts.Add($"{Percentage.ToString(System.Globalization.CultureInfo.InvariantCulture)} % of users");
        }

        return "on for " + string.Join("; ", parts);
    }
}
