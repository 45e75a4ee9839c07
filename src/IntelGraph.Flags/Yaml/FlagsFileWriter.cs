using System.Globalization;
using IntelGraph.Flags.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Yaml;

/// <summary>
/// Writes a flags document in the file format <see cref="FlagsFileReader"/> reads: flags in
/// <see cref="FlagNames.All"/> order, environments in promotion order, and a setting without targeting
/// as a plain <c>true</c> or <c>false</c>. The output contains no comments.
/// </summary>
public static class FlagsFileWriter
{
    public static string Write(FlagsDocument document)
    {
        var root = new YamlMappingNode { { "version", Plain(FlagsDocument.CurrentVersion.ToString(CultureInfo.InvariantCulture)) } };

        var metadata = new YamlMappingNode();
        if (document.Metadata.ChangedBy is { } changedBy)
        {
            metadata.Add("changedBy", Text(changedBy));
        }

        if (document.Metadata.Reason is { } reason)
        {
            metadata.Add("reason", Text(reason));
        }

        if (metadata.Children.Count > 0)
        {
            root.Add("metadata", metadata);
        }

        var flags = new YamlMappingNode();
        foreach (var flag in document.Flags)
        {
            flags.Add(flag.Name, new YamlMappingNode { { "description", Text(flag.Description) } });
        }

        root.Add("flags", flags);

        var environments = new YamlMappingNode();
        foreach (var environment in FlagEnvironments.All.Where(document.HasEnvironment))
        {
            var settings = new YamlMappingNode();
            foreach (var (name, setting) in FlagNames.All.Select(name => (name, document.SettingsFor(environment)[name])))
            {
                settings.Add(name, Setting(setting));
            }

            environments.Add(environment, settings);
        }

        root.Add("environments", environments);

        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);

        // YamlDotNet ends a saved stream with the document end marker "...", which a hand-edited file never has.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode Setting(FlagSetting setting)
    {
        if (!setting.HasTargeting)
        {
            return Plain(setting.Enabled ? "true" : "false");
        }

        var mapping = new YamlMappingNode { { "enabled", Plain("false") } };
        if (setting.Tenants.Count > 0)
        {
            mapping.Add("tenants", List(setting.Tenants));
        }

        if (setting.Groups.Count > 0)
        {
            mapping.Add("groups", List(setting.Groups));
        }

        if (setting.Percentage > 0)
        {
            mapping.Add("percentage", Plain(setting.Percentage.ToString("R", CultureInfo.InvariantCulture)));
        }

        return mapping;
    }

    private static YamlSequenceNode List(IEnumerable<string> items) =>
        new(items.Select(Text)) { Style = SequenceStyle.Flow };

    private static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    /// <summary>A text value; quoted when YAML would otherwise read it as null, a boolean or a number.</summary>
    private static YamlScalarNode Text(string value)
    {
        var ambiguous = value is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return new YamlScalarNode(value) { Style = ambiguous ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }
}
