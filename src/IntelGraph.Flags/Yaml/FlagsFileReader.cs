using IntelGraph.Flags.Model;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Yaml;

/// <summary>
/// Reads and validates a flags file (the schema is in docs/flags.md). Every problem is collected with
/// file, line and field, and the whole file is rejected if there is any.
/// </summary>
public static class FlagsFileReader
{
    private const string VersionField = "version";
    private const string MetadataField = "metadata";
    private const string FlagsField = "flags";
    private const string EnvironmentsField = "environments";

    /// <exception cref="FlagsFileException">The file is missing, unreadable or invalid; the message names file, line and field.</exception>
    public static Task<FlagsDocument> ReadAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, requiredEnvironment: null, cancellationToken);

    /// <param name="requiredEnvironment">An environment the file must configure, such as the one a server serves.</param>
    /// <exception cref="FlagsFileException">The file is missing, unreadable or invalid; the message names file, line and field.</exception>
    public static async Task<FlagsDocument> ReadAsync(string path, string? requiredEnvironment, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlagsFileException([new FlagsFileError(path, 0, 0, string.Empty, "the flags file does not exist.")]);
        }

        return Parse(text, path, requiredEnvironment);
    }

    /// <param name="file">The name used in error messages.</param>
    /// <param name="requiredEnvironment">An environment the file must configure, such as the one a server serves.</param>
    /// <exception cref="FlagsFileException">The text is not a valid flags file.</exception>
    public static FlagsDocument Parse(string text, string file, string? requiredEnvironment = null)
    {
        var reader = new YamlFieldReader(file);
        var document = Read(reader, text, requiredEnvironment);
        if (reader.Errors.Count > 0 || document is null)
        {
            throw new FlagsFileException(reader.Errors);
        }

        return document;
    }

    private static FlagsDocument? Read(YamlFieldReader reader, string text, string? requiredEnvironment)
    {
        var root = reader.LoadRoot(text);
        if (root is null)
        {
            return null;
        }

        reader.RejectUnknownKeys(root, string.Empty, VersionField, MetadataField, FlagsField, EnvironmentsField);
        ReadVersion(reader, root);
        var metadata = YamlFieldReader.Find(root, MetadataField) is { } metadataNode ? ReadMetadata(reader, metadataNode) : FlagsMetadata.Empty;
        var flags = ReadDeclarations(reader, root);
        var environments = ReadEnvironments(reader, root, requiredEnvironment);
        return reader.Errors.Count == 0 ? new FlagsDocument(metadata, flags, environments) : null;
    }

    private static void ReadVersion(YamlFieldReader reader, YamlMappingNode root)
    {
        if (YamlFieldReader.Find(root, VersionField) is not { } node)
        {
            reader.Add(root, VersionField, $"missing; add 'version: {FlagsDocument.CurrentVersion}' at the top of the file.");
            return;
        }

        if (reader.Integer(node, VersionField) is { } version && version != FlagsDocument.CurrentVersion)
        {
            reader.Add(node, VersionField, $"unsupported version {version}; this build reads version {FlagsDocument.CurrentVersion}.");
        }
    }

    internal static FlagsMetadata ReadMetadata(YamlFieldReader reader, YamlNode node)
    {
        if (reader.Mapping(node, MetadataField) is not { } mapping)
        {
            return FlagsMetadata.Empty;
        }

        reader.RejectUnknownKeys(mapping, MetadataField, "changedBy", "reason");
        var changedBy = YamlFieldReader.Find(mapping, "changedBy") is { } by ? reader.Text(by, "metadata.changedBy") : null;
        var reason = YamlFieldReader.Find(mapping, "reason") is { } why ? reader.Text(why, "metadata.reason") : null;
        return new FlagsMetadata(changedBy, reason);
    }

    private static List<FlagDeclaration> ReadDeclarations(YamlFieldReader reader, YamlMappingNode root)
    {
        var declarations = new List<FlagDeclaration>();
        if (YamlFieldReader.Find(root, FlagsField) is not { } node)
        {
            reader.Add(root, FlagsField, $"missing; declare the flags {string.Join(", ", FlagNames.All)}.");
            return declarations;
        }

        if (reader.Mapping(node, FlagsField) is not { } mapping)
        {
            return declarations;
        }

        foreach (var (key, value) in reader.Entries(mapping, FlagsField))
        {
            var field = YamlFieldReader.Join(FlagsField, key.Value!);
            if (!FlagNames.IsKnown(key.Value!))
            {
                reader.Add(key, field, UnknownFlag(key.Value!));
                continue;
            }

            if (reader.Mapping(value, field) is not { } flag)
            {
                continue;
            }

            reader.RejectUnknownKeys(flag, field, "description");
            var descriptionField = YamlFieldReader.Join(field, "description");
            if (YamlFieldReader.Find(flag, "description") is not { } descriptionNode)
            {
                reader.Add(flag, descriptionField, "missing; say in one line what the flag switches.");
            }
            else if (reader.Text(descriptionNode, descriptionField) is { } description)
            {
                declarations.Add(new FlagDeclaration(key.Value!, description));
            }
        }

        foreach (var missing in FlagNames.All.Where(name => !mapping.Children.ContainsKey(new YamlScalarNode(name))))
        {
            reader.Add(mapping, YamlFieldReader.Join(FlagsField, missing), "missing; every known flag must be declared.");
        }

        return [.. declarations.OrderBy(declaration => IndexOf(FlagNames.All, declaration.Name))];
    }

    private static Dictionary<string, IReadOnlyDictionary<string, FlagSetting>> ReadEnvironments(
        YamlFieldReader reader,
        YamlMappingNode root,
        string? requiredEnvironment)
    {
        var environments = new Dictionary<string, IReadOnlyDictionary<string, FlagSetting>>(StringComparer.Ordinal);
        if (YamlFieldReader.Find(root, EnvironmentsField) is not { } node)
        {
            reader.Add(root, EnvironmentsField, $"missing; configure at least one of the environments {string.Join(", ", FlagEnvironments.All)}.");
            return environments;
        }

        if (reader.Mapping(node, EnvironmentsField) is not { } mapping)
        {
            return environments;
        }

        foreach (var (key, value) in reader.Entries(mapping, EnvironmentsField))
        {
            var field = YamlFieldReader.Join(EnvironmentsField, key.Value!);
            if (!FlagEnvironments.IsKnown(key.Value!))
            {
                reader.Add(key, field, $"unknown environment '{key.Value}'; expected one of {string.Join(", ", FlagEnvironments.All)}.");
                continue;
            }

            if (reader.Mapping(value, field) is { } settings)
            {
                environments[key.Value!] = ReadEnvironment(reader, settings, field);
            }
        }

        if (mapping.Children.Count == 0)
        {
            reader.Add(mapping, EnvironmentsField, $"empty; configure at least one of the environments {string.Join(", ", FlagEnvironments.All)}.");
        }
        else if (requiredEnvironment is not null && !mapping.Children.ContainsKey(new YamlScalarNode(requiredEnvironment)))
        {
            var configured = string.Join(", ", reader.Entries(mapping, EnvironmentsField).Select(entry => entry.Key.Value));
            reader.Add(mapping, YamlFieldReader.Join(EnvironmentsField, requiredEnvironment), $"missing; the {requiredEnvironment} flags are needed, but the file configures only {configured}.");
        }

        return environments;
    }

    private static Dictionary<string, FlagSetting> ReadEnvironment(YamlFieldReader reader, YamlMappingNode mapping, string field)
    {
        var settings = new Dictionary<string, FlagSetting>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Entries(mapping, field))
        {
            var flagField = YamlFieldReader.Join(field, key.Value!);
            if (!FlagNames.IsKnown(key.Value!))
            {
                reader.Add(key, flagField, UnknownFlag(key.Value!));
                continue;
            }

            if (ReadSetting(reader, value, flagField) is { } setting)
            {
                settings[key.Value!] = setting;
            }
        }

        foreach (var missing in FlagNames.All.Where(name => !mapping.Children.ContainsKey(new YamlScalarNode(name))))
        {
            reader.Add(mapping, YamlFieldReader.Join(field, missing), "missing; every environment sets every flag, to true, false or a targeting mapping.");
        }

        return settings;
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or a mapping of <c>enabled</c>, <c>tenants</c>, <c>groups</c> and <c>percentage</c>.</summary>
    internal static FlagSetting? ReadSetting(YamlFieldReader reader, YamlNode node, string field)
    {
        if (node is not YamlMappingNode mapping)
        {
            return reader.Boolean(node, field) switch
            {
                true => FlagSetting.On,
                false => FlagSetting.Off,
                null => null,
            };
        }

        var errorsBefore = reader.Errors.Count;
        reader.RejectUnknownKeys(mapping, field, "enabled", "tenants", "groups", "percentage");

        bool? enabled = false;
        if (YamlFieldReader.Find(mapping, "enabled") is { } enabledNode)
        {
            enabled = reader.Boolean(enabledNode, YamlFieldReader.Join(field, "enabled"));
        }

        List<string>? tenants = [];
        if (YamlFieldReader.Find(mapping, "tenants") is { } tenantsNode)
        {
            tenants = reader.TextList(tenantsNode, YamlFieldReader.Join(field, "tenants"), FlagSettingRules.TenantProblem);
        }

        List<string>? groups = [];
        if (YamlFieldReader.Find(mapping, "groups") is { } groupsNode)
        {
            groups = reader.TextList(groupsNode, YamlFieldReader.Join(field, "groups"), FlagSettingRules.GroupProblem);
        }

        double? percentage = 0;
        if (YamlFieldReader.Find(mapping, "percentage") is { } percentageNode)
        {
            percentage = reader.Number(percentageNode, YamlFieldReader.Join(field, "percentage"), 0, 100);
        }

        if (reader.Errors.Count > errorsBefore || enabled is null || tenants is null || groups is null || percentage is null)
        {
            return null;
        }

        var setting = new FlagSetting(enabled.Value, tenants, groups, percentage.Value);
        if (FlagSettingRules.CombinationProblem(setting) is { } problem)
        {
            reader.Add(mapping, field, problem);
            return null;
        }

        return setting;
    }

    private static string UnknownFlag(string name) =>
        $"unknown flag '{name}'; the known flags are {string.Join(", ", FlagNames.All)}.";

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var index = 0; index < list.Count; index++)
        {
            if (string.Equals(list[index], value, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }
}
