namespace IntelGraph.Flags.Model;

/// <summary>A flag declared in a flags file, with what it switches.</summary>
public sealed record FlagDeclaration(string Name, string Description);

/// <summary>
/// Who made the last change to a flags file and why. Both are optional; the audit log records
/// <c>unknown</c> when <see cref="ChangedBy"/> is missing.
/// </summary>
public sealed record FlagsMetadata(string? ChangedBy, string? Reason)
{
    public static FlagsMetadata Empty { get; } = new(null, null);
}

/// <summary>
/// A validated flags file: every known flag declared once and set in each environment the file
/// configures. <see cref="Yaml.FlagsFileReader"/> builds it and rejects anything else.
/// </summary>
public sealed class FlagsDocument
{
    public const int CurrentVersion = 1;

    public FlagsDocument(
        FlagsMetadata metadata,
        IReadOnlyList<FlagDeclaration> flags,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, FlagSetting>> environments)
    {
        Metadata = metadata;
        Flags = flags;
        Environments = environments;
    }

    public FlagsMetadata Metadata { get; }

    /// <summary>The declared flags in <see cref="FlagNames.All"/> order.</summary>
    public IReadOnlyList<FlagDeclaration> Flags { get; }

    /// <summary>The configured environments by name; each maps every flag name to its setting.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FlagSetting>> Environments { get; }

    public bool HasEnvironment(string environment) => Environments.ContainsKey(environment);

    /// <exception cref="KeyNotFoundException">The file does not configure <paramref name="environment"/>.</exception>
    public IReadOnlyDictionary<string, FlagSetting> SettingsFor(string environment) =>
        Environments.TryGetValue(environment, out var settings)
            ? settings
            : throw new KeyNotFoundException(
                $"The flags file configures the environments {string.Join(", ", Environments.Keys)}, not '{environment}'.");

    /// <summary>Returns a copy that configures only <paramref name="environment"/>, as a rendered ConfigMap carries it.</summary>
    public FlagsDocument WithOnlyEnvironment(string environment) =>
        new(Metadata, Flags, new Dictionary<string, IReadOnlyDictionary<string, FlagSetting>>(StringComparer.Ordinal)
        {
            [environment] = SettingsFor(environment),
        });

    /// <summary>Returns a copy with one flag's setting in one environment replaced and new metadata.</summary>
    public FlagsDocument WithSetting(string environment, string flag, FlagSetting setting, FlagsMetadata metadata)
    {
        var environments = new Dictionary<string, IReadOnlyDictionary<string, FlagSetting>>(StringComparer.Ordinal);
        foreach (var (name, settings) in Environments)
        {
            environments[name] = settings;
        }

        var changed = new Dictionary<string, FlagSetting>(SettingsFor(environment), StringComparer.Ordinal) { [flag] = setting };
        environments[environment] = changed;
        return new FlagsDocument(metadata, Flags, environments);
    }
}
