using System.Text.RegularExpressions;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Rollout;

/// <summary>Reads and validates a rollout plan file, collecting every problem with file, line and field.</summary>
public static partial class RolloutPlanReader
{
    /// <exception cref="FlagsFileException">The file is missing or invalid; the message names file, line and field.</exception>
    public static Task<RolloutPlan> ReadAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, configuredEnvironments: null, cancellationToken);

    /// <param name="configuredEnvironments">The environments of the flags file the plan applies to; the plan's environment must be one of them.</param>
    /// <exception cref="FlagsFileException">The file is missing or invalid; the message names file, line and field.</exception>
    public static async Task<RolloutPlan> ReadAsync(string path, IReadOnlyCollection<string>? configuredEnvironments, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlagsFileException([new FlagsFileError(path, 0, 0, string.Empty, "the rollout plan does not exist.")]);
        }

        return Parse(text, path, configuredEnvironments);
    }

    /// <param name="configuredEnvironments">The environments of the flags file the plan applies to; the plan's environment must be one of them.</param>
    /// <exception cref="FlagsFileException">The text is not a valid rollout plan.</exception>
    public static RolloutPlan Parse(string text, string file, IReadOnlyCollection<string>? configuredEnvironments = null)
    {
        var reader = new YamlFieldReader(file);
        var plan = Read(reader, text, configuredEnvironments);
        if (reader.Errors.Count > 0 || plan is null)
        {
            throw new FlagsFileException(reader.Errors);
        }

        return plan;
    }

    private static RolloutPlan? Read(YamlFieldReader reader, string text, IReadOnlyCollection<string>? configuredEnvironments)
    {
        var root = reader.LoadRoot(text);
        if (root is null)
        {
            return null;
        }

        reader.RejectUnknownKeys(root, string.Empty, "version", "environment", "soak", "window", "thresholds", "keep", "steps");

        if (Required(reader, root, "version") is { } versionNode
            && reader.Integer(versionNode, "version") is { } version
            && version != FlagsDocument.CurrentVersion)
        {
            reader.Add(versionNode, "version", $"unsupported version {version}; this build reads version {FlagsDocument.CurrentVersion}.");
        }

        string? environment = null;
        if (Required(reader, root, "environment") is { } environmentNode && reader.Text(environmentNode, "environment") is { } name)
        {
            if (!FlagEnvironments.IsKnown(name))
            {
                reader.Add(environmentNode, "environment", $"unknown environment '{name}'; expected one of {string.Join(", ", FlagEnvironments.All)}.");
            }
            else if (configuredEnvironments is not null && !configuredEnvironments.Contains(name))
            {
                reader.Add(environmentNode, "environment", $"the flags file does not configure '{name}'; it configures {string.Join(", ", configuredEnvironments)}.");
            }
            else
            {
                environment = name;
            }
        }

        var soak = YamlFieldReader.Find(root, "soak") is { } soakNode ? ReadDuration(reader, soakNode, "soak") : null;
        var window = YamlFieldReader.Find(root, "window") is { } windowNode ? ReadDuration(reader, windowNode, "window") : null;
        var thresholds = YamlFieldReader.Find(root, "thresholds") is { } thresholdsNode ? ReadThresholds(reader, thresholdsNode) : RolloutThresholds.None;
        var keep = YamlFieldReader.Find(root, "keep") is { } keepNode ? ReadSettings(reader, keepNode, "keep") : [];
        var steps = ReadSteps(reader, root, keep);
        if (reader.Errors.Count > 0 || environment is null)
        {
            return null;
        }

        return new RolloutPlan(environment, keep, steps)
        {
            Soak = soak ?? RolloutPlan.DefaultSoak,
            Window = window ?? RolloutPlan.DefaultWindow,
            Thresholds = thresholds,
        };
    }

    private static RolloutThresholds ReadThresholds(YamlFieldReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "thresholds") is not { } mapping)
        {
            return RolloutThresholds.None;
        }

        reader.RejectUnknownKeys(
            mapping,
            "thresholds",
            RolloutThresholds.GraphQueryP95Field,
            RolloutThresholds.PolicyDeniedPercentField,
            RolloutThresholds.BudgetDenialsPerHourField,
            RolloutThresholds.WalletRevocationsPerHourField);

        double? Limit(string key, double maximum) =>
            YamlFieldReader.Find(mapping, key) is { } value ? reader.Number(value, YamlFieldReader.Join("thresholds", key), 0, maximum) : null;

        return new RolloutThresholds(
            Limit(RolloutThresholds.GraphQueryP95Field, 3_600_000),
            Limit(RolloutThresholds.PolicyDeniedPercentField, 100),
            Limit(RolloutThresholds.BudgetDenialsPerHourField, 1_000_000_000),
            Limit(RolloutThresholds.WalletRevocationsPerHourField, 1_000_000_000));
    }

    private static List<RolloutStep> ReadSteps(YamlFieldReader reader, YamlMappingNode root, Dictionary<string, FlagSetting> keep)
    {
        var steps = new List<RolloutStep>();
        if (Required(reader, root, "steps") is not { } node)
        {
            return steps;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            reader.Add(node, "steps", $"expected a list of at least one step, found {YamlFieldReader.Describe(node)}.");
            return steps;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var field = $"steps[{index}]";
            if (reader.Mapping(sequence.Children[index], field) is { } mapping
                && ReadStep(reader, mapping, field, keep) is { } step)
            {
                if (!names.Add(step.Name))
                {
                    reader.Add(YamlFieldReader.Find(mapping, "name")!, YamlFieldReader.Join(field, "name"), $"the step name '{step.Name}' is used twice.");
                }

                steps.Add(step);
            }
        }

        return steps;
    }

    private static RolloutStep? ReadStep(YamlFieldReader reader, YamlMappingNode mapping, string field, Dictionary<string, FlagSetting> keep)
    {
        var errorsBefore = reader.Errors.Count;
        reader.RejectUnknownKeys(mapping, field, "name", "description", "soakBefore", "set", "monitor");

        string? name = null;
        if (Required(reader, mapping, "name", field) is { } nameNode && reader.Text(nameNode, YamlFieldReader.Join(field, "name")) is { } text)
        {
            name = text;
            if (!StepNamePattern().IsMatch(text))
            {
                reader.Add(nameNode, YamlFieldReader.Join(field, "name"), $"invalid step name '{text}'; use lowercase letters, digits and '-', starting with a letter.");
            }
        }

        var description = Required(reader, mapping, "description", field) is { } descriptionNode
            ? reader.Text(descriptionNode, YamlFieldReader.Join(field, "description"))
            : null;

        TimeSpan? soak = null;
        if (YamlFieldReader.Find(mapping, "soakBefore") is { } soakNode)
        {
            soak = ReadDuration(reader, soakNode, YamlFieldReader.Join(field, "soakBefore"));
        }

        var set = new Dictionary<string, FlagSetting>(StringComparer.Ordinal);
        if (Required(reader, mapping, "set", field) is { } setNode)
        {
            var setField = YamlFieldReader.Join(field, "set");
            set = ReadSettings(reader, setNode, setField);
            if (setNode is YamlMappingNode { Children.Count: 0 })
            {
                reader.Add(setNode, setField, "empty; a step sets at least one flag.");
            }

            RejectChangesToKept(reader, setNode, setField, set, keep);
        }

        List<string> monitor = [];
        if (YamlFieldReader.Find(mapping, "monitor") is { } monitorNode)
        {
            monitor = reader.TextList(monitorNode, YamlFieldReader.Join(field, "monitor"), _ => null) ?? [];
        }

        return reader.Errors.Count == errorsBefore && name is not null && description is not null
            ? new RolloutStep(name, description, soak, set, monitor)
            : null;
    }

    private static void RejectChangesToKept(
        YamlFieldReader reader,
        YamlNode setNode,
        string setField,
        Dictionary<string, FlagSetting> set,
        Dictionary<string, FlagSetting> keep)
    {
        if (setNode is not YamlMappingNode mapping)
        {
            return;
        }

        foreach (var (key, value) in reader.Entries(mapping, setField))
        {
            if (keep.TryGetValue(key.Value!, out var kept) && set.TryGetValue(key.Value!, out var setting) && !kept.Equals(setting))
            {
                reader.Add(value, YamlFieldReader.Join(setField, key.Value!), $"the plan keeps {key.Value} {kept} in every step, but this step sets it {setting}.");
            }
        }
    }

    private static Dictionary<string, FlagSetting> ReadSettings(YamlFieldReader reader, YamlNode node, string field)
    {
        var settings = new Dictionary<string, FlagSetting>(StringComparer.Ordinal);
        if (reader.Mapping(node, field) is not { } mapping)
        {
            return settings;
        }

        foreach (var (key, value) in reader.Entries(mapping, field))
        {
            var flagField = YamlFieldReader.Join(field, key.Value!);
            if (!FlagNames.IsKnown(key.Value!))
            {
                reader.Add(key, flagField, $"unknown flag '{key.Value}'; the known flags are {string.Join(", ", FlagNames.All)}.");
            }
            else if (FlagsFileReader.ReadSetting(reader, value, flagField) is { } setting)
            {
                settings[key.Value!] = setting;
            }
        }

        return settings;
    }

    /// <summary>Reads a duration such as <c>30s</c>, <c>30m</c>, <c>24h</c> or <c>2d</c>.</summary>
    private static TimeSpan? ReadDuration(YamlFieldReader reader, YamlNode node, string field)
    {
        var text = reader.Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!RolloutDuration.TryParse(text, out var duration))
        {
            reader.Add(node, field, $"invalid duration '{text}'; write a positive whole number of seconds, minutes, hours or days, such as {RolloutDuration.Examples}.");
            return null;
        }

        return duration;
    }

    private static YamlNode? Required(YamlFieldReader reader, YamlMappingNode mapping, string key, string parent = "")
    {
        if (YamlFieldReader.Find(mapping, key) is { } node)
        {
            return node;
        }

        reader.Add(mapping, YamlFieldReader.Join(parent, key), "missing.");
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex StepNamePattern();
}
