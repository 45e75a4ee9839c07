using System.CommandLine;
using System.Text.RegularExpressions;
using IntelGraph.Flags.Rendering;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands.Flags;

/// <summary><c>intelgraph flags render</c>: one environment of the flags file as a Kubernetes ConfigMap.</summary>
internal static partial class FlagsRenderCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var environmentOption = FlagsCommand.Environment("The environment to render: dev, stage or prod.");
        var file = FlagsCommand.File();
        var output = new Option<string?>("--out") { Description = "File to write the ConfigMap to (default: standard output)." };
        var name = new Option<string>("--name")
        {
            Description = $"The ConfigMap's metadata.name (default: {FlagsConfigMap.DefaultName}).",
            DefaultValueFactory = _ => FlagsConfigMap.DefaultName,
        };
        var @namespace = new Option<string?>("--namespace") { Description = "The ConfigMap's metadata.namespace (default: none, so kubectl uses its current namespace)." };
        name.Validators.Add(result => RequireKubernetesName(result, "--name", maxLength: 253, SubdomainPattern()));
        @namespace.Validators.Add(result => RequireKubernetesName(result, "--namespace", maxLength: 63, LabelPattern()));
        var json = new Option<bool>("--json") { Description = "Write the ConfigMap as JSON instead of YAML; kubectl accepts either." };

        var command = new Command(
            "render",
            $"Write a Kubernetes ConfigMap (apiVersion v1) for one environment. Its data key {FlagsConfigMap.DataKey} contains a flags file with only that environment; mount it and point IntelGraph:Flags:File at it.")
        {
            environmentOption, file, output, name, @namespace, json,
        };

        command.SetAction((parse, cancellationToken) => FlagsCommand.RunAsync(environment, async () =>
        {
            var environmentName = parse.GetValue(environmentOption)!;
            var document = await FlagsFileReader.ReadAsync(parse.GetValue(file)!, environmentName, cancellationToken);
            var configMap = FlagsConfigMap.Render(document, environmentName, parse.GetValue(name)!, parse.GetValue(@namespace));
            var text = parse.GetValue(json) ? configMap.ToJson() + "\n" : configMap.ToYaml();

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text, cancellationToken);
                await environment.Out.WriteLineAsync(Path.GetFullPath(path));
            }
            else
            {
                await environment.Out.WriteAsync(text);
            }

            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    /// <summary>Rejects a value that Kubernetes would refuse: names are RFC 1123 subdomains, namespaces RFC 1123 labels.</summary>
    private static void RequireKubernetesName(System.CommandLine.Parsing.OptionResult result, string option, int maxLength, Regex pattern)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (value is not null && (value.Length > maxLength || !pattern.IsMatch(value)))
        {
            result.AddError($"Invalid value '{value}' for {option}: use at most {maxLength} lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();
}
