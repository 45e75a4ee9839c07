using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Release.Environments;

/// <summary>
/// Reads and validates an environments file, collecting every problem with file, line, column and
/// field, so one run shows them all. Nothing is returned unless the whole file is valid.
/// </summary>
/// <remarks>
/// The file looks like:
/// <code>
/// version: 1
/// signingKey: .intelgraph/release/signing-key.pem
/// records: .intelgraph/releases
/// environments:
///   stage:
///     url: https://stage.intelgraph.example
///     gates: [smoke, perf, compliance, security]
/// </code>
/// </remarks>
public static class EnvironmentsFileReader
{
    public const int CurrentVersion = 1;

    /// <exception cref="EnvironmentsFileException">The file is missing or invalid.</exception>
    public static async Task<DeploymentEnvironments> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EnvironmentsFileException([new EnvironmentsFileError(path, 0, 0, string.Empty, "the environments file does not exist.")]);
        }

        return Parse(text, path);
    }

    /// <exception cref="EnvironmentsFileException">The text is not a valid environments file.</exception>
    public static DeploymentEnvironments Parse(string text, string file)
    {
        var errors = new List<EnvironmentsFileError>();
        void Add(YamlNode node, string field, string message) => errors.Add(new EnvironmentsFileError(file, node.Start.Line, node.Start.Column, field, message));

        var root = LoadRoot(text, file, errors);
        if (root is null)
        {
            throw new EnvironmentsFileException(errors);
        }

        RejectUnknown(root, string.Empty, ["version", "signingKey", "records", "environments"], Add);

        var version = Scalar(root, "version", string.Empty, Add, errors, file);
        if (version is not null && version.Value != CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Add(version, "version", $"unsupported version '{version.Value}'; this build reads version {CurrentVersion}.");
        }

        var signingKey = Scalar(root, "signingKey", string.Empty, Add, errors, file)?.Value;
        var records = Scalar(root, "records", string.Empty, Add, errors, file)?.Value;

        var environments = new Dictionary<string, DeploymentEnvironment>(StringComparer.Ordinal);
        if (Find(root, "environments") is not { } environmentsNode)
        {
            errors.Add(new EnvironmentsFileError(file, root.Start.Line, root.Start.Column, "environments", "missing; list dev, stage and prod with their url and gates."));
        }
        else if (environmentsNode is not YamlMappingNode environmentsMapping)
        {
            Add(environmentsNode, "environments", "expected a mapping of environment names to their settings.");
        }
        else
        {
            foreach (var (keyNode, valueNode) in environmentsMapping.Children)
            {
                var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                var field = $"environments.{name}";
                if (!DeploymentEnvironments.KnownEnvironments.Contains(name))
                {
                    Add(keyNode, field, $"unknown environment; expected one of {string.Join(", ", DeploymentEnvironments.KnownEnvironments)}.");
                    continue;
                }

                var environment = ReadEnvironment(name, valueNode, field, Add, errors, file);
                if (environment is not null)
                {
                    environments[name] = environment;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new EnvironmentsFileException(errors);
        }

        return new DeploymentEnvironments(file, signingKey!, records!, environments);
    }

    private static DeploymentEnvironment? ReadEnvironment(
        string name, YamlNode node, string field, Action<YamlNode, string, string> add, List<EnvironmentsFileError> errors, string file)
    {
        if (node is not YamlMappingNode mapping)
        {
            add(node, field, "expected a mapping with url and gates.");
            return null;
        }

        var errorCount = errors.Count;
        RejectUnknown(mapping, field, ["url", "gates"], add);

        Uri? url = null;
        if (Scalar(mapping, "url", field, add, errors, file) is { } urlNode)
        {
            if (!Uri.TryCreate(urlNode.Value, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
            {
                add(urlNode, $"{field}.url", $"'{urlNode.Value}' is not an absolute http or https URL.");
            }
        }

        var gates = new List<string>();
        if (Find(mapping, "gates") is not { } gatesNode)
        {
            errors.Add(new EnvironmentsFileError(file, mapping.Start.Line, mapping.Start.Column, $"{field}.gates", "missing; list the gates a promotion must pass."));
        }
        else if (gatesNode is not YamlSequenceNode sequence)
        {
            add(gatesNode, $"{field}.gates", "expected a list such as [smoke, perf, compliance, security].");
        }
        else
        {
            var index = 0;
            foreach (var item in sequence.Children)
            {
                var gate = (item as YamlScalarNode)?.Value;
                if (gate is null || !DeploymentEnvironments.KnownGates.Contains(gate))
                {
                    add(item, $"{field}.gates[{index}]", $"unknown gate '{gate}'; expected one of {string.Join(", ", DeploymentEnvironments.KnownGates)}.");
                }
                else if (gates.Contains(gate))
                {
                    add(item, $"{field}.gates[{index}]", $"gate '{gate}' is listed twice.");
                }
                else
                {
                    gates.Add(gate);
                }

                index++;
            }

            if (sequence.Children.Count == 0)
            {
                add(sequence, $"{field}.gates", "is empty; a promotion must pass at least one gate.");
            }
        }

        return errors.Count == errorCount ? new DeploymentEnvironment(name, url!, gates) : null;
    }

    private static YamlMappingNode? LoadRoot(string text, string file, List<EnvironmentsFileError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new EnvironmentsFileError(file, ex.Start.Line, ex.Start.Column, string.Empty, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1.0 throws this rather than a YamlException for some unclosed flow collections.
            var (line, column) = LastParsedPosition(text);
            errors.Add(new EnvironmentsFileError(file, line, column, string.Empty, "invalid YAML: the text after this point cannot be parsed; check for an unclosed [ or {."));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new EnvironmentsFileError(file, 0, 0, string.Empty, "expected one YAML document with a mapping at the top."));
            return null;
        }

        return root;
    }

    /// <summary>Returns where the parser stopped: the end of the last YAML event it could read.</summary>
    private static (long Line, long Column) LastParsedPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = (Line: 1L, Column: 1L);
        try
        {
            while (parser.MoveNext())
            {
                last = (parser.Current!.End.Line, parser.Current.End.Column);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Expected: the same error that stopped the load; the position reached is what is wanted.
        }

        return last;
    }

    private static void RejectUnknown(YamlMappingNode mapping, string field, string[] allowed, Action<YamlNode, string, string> add)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                add(key, field.Length == 0 ? name : $"{field}.{name}", $"unknown field; expected one of {string.Join(", ", allowed)}.");
            }
        }
    }

    private static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Returns a required non-empty scalar, or records why there is none.</summary>
    private static YamlScalarNode? Scalar(
        YamlMappingNode mapping, string key, string parent, Action<YamlNode, string, string> add, List<EnvironmentsFileError> errors, string file)
    {
        var field = parent.Length == 0 ? key : $"{parent}.{key}";
        var node = Find(mapping, key);
        if (node is null)
        {
            errors.Add(new EnvironmentsFileError(file, mapping.Start.Line, mapping.Start.Column, field, "missing."));
            return null;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            add(node, field, "expected a non-empty value.");
            return null;
        }

        return scalar;
    }
}
