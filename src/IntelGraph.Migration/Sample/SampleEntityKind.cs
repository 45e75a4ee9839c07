namespace IntelGraph.Migration.Sample;

/// <summary>The entity types the sample generator makes, named after their STIX types.</summary>
internal enum SampleEntityKind : byte
{
    Group,
    Campaign,
    Malware,
    Technique,
    Asset,
    Mitigation,
}

internal static class SampleEntityKinds
{
    public const int Count = 6;

    public static string TypeName(this SampleEntityKind kind) => kind switch
    {
        SampleEntityKind.Group => "intrusion-set",
        SampleEntityKind.Campaign => "campaign",
        SampleEntityKind.Malware => "malware",
        SampleEntityKind.Technique => "attack-pattern",
        SampleEntityKind.Asset => "x-mitre-asset",
        SampleEntityKind.Mitigation => "course-of-action",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample entity kind."),
    };

    /// <summary>The start of the entity's STIX-style id: its type and two hyphens.</summary>
    public static string IdPrefix(this SampleEntityKind kind) => kind switch
    {
        SampleEntityKind.Group => "intrusion-set--",
        SampleEntityKind.Campaign => "campaign--",
        SampleEntityKind.Malware => "malware--",
        SampleEntityKind.Technique => "attack-pattern--",
        SampleEntityKind.Asset => "x-mitre-asset--",
        SampleEntityKind.Mitigation => "course-of-action--",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample entity kind."),
    };

    /// <summary>The letter that starts the entity's short catalogue number in statement links (G0042, T0815).</summary>
    public static char CatalogueLetter(this SampleEntityKind kind) => kind switch
    {
        SampleEntityKind.Group => 'G',
        SampleEntityKind.Campaign => 'C',
        SampleEntityKind.Malware => 'S',
        SampleEntityKind.Technique => 'T',
        SampleEntityKind.Asset => 'A',
        SampleEntityKind.Mitigation => 'M',
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample entity kind."),
    };

    /// <summary>Groups and campaigns are the actors that cases are opened on.</summary>
    public static bool IsActor(this SampleEntityKind kind) => kind is SampleEntityKind.Group or SampleEntityKind.Campaign;
}
