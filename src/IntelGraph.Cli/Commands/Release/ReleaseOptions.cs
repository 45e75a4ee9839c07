using System.CommandLine;
using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Release.Environments;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Policy;
using IntelGraph.Release.Target;

namespace IntelGraph.Cli.Commands.Release;

/// <summary>The options that <c>gate</c> and <c>promote</c> share: the clients whose tokens the gates mint, and the gates' settings.</summary>
internal sealed class ReleaseOptions
{
    /// <summary>The development clients file used when <c>--clients</c> is not given and the file exists.</summary>
    public static readonly string DefaultClientsFile = Path.Combine("deploy", "dev-clients.json");

    public Option<string?> Clients { get; } = new("--clients")
    {
        Description = $"A clients file naming each client id and where its secret comes from ({{\"env\": NAME}} or {{\"file\": PATH}}), as serve reads it (default: {DefaultClientsFile} when it exists).",
    };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = "One more client to mint a token for; its secret comes from --secret-file or --secret-env, never the command line." };

    public Option<string?> SecretFile { get; } = new("--secret-file") { Description = "A file holding the --client-id client's secret." };

    public Option<string?> SecretEnv { get; } = new("--secret-env") { Description = "An environment variable holding the --client-id client's secret." };

    public Option<string> Realm { get; } = new("--realm") { Description = "The OpenID Connect realm in the token endpoint path.", DefaultValueFactory = _ => TargetClient.DefaultRealm };

    public Option<string> Repository { get; } = new("--repo") { Description = "The repository's working tree, for the SBOM, the audit and the secret scan (default: the current folder).", DefaultValueFactory = _ => "." };

    public Option<string> Project { get; } = new("--project") { Description = "The release project, relative to --repo.", DefaultValueFactory = _ => IntelGraph.Release.Compliance.SbomGenerator.ReleaseProject };

    public Option<string> Policy { get; } = new("--policy") { Description = "The release policy: accepted licences and the secret scan's exceptions, relative to --repo.", DefaultValueFactory = _ => ReleasePolicy.DefaultPath };

    public Option<long?> Requests { get; } = CommonOptions.WholeNumber("--requests", $"perf: graph reads the synthetic load sends in all (default {PerfOptions.DefaultRequests}).");

    public Option<long?> Concurrency { get; } = CommonOptions.WholeNumber("--concurrency", $"perf: graph reads in flight at once (default {PerfOptions.DefaultConcurrency}).");

    public Option<string> Label { get; } = new("--label") { Description = "perf: the text the load searches entity labels for.", DefaultValueFactory = _ => "a" };

    public Option<double?> MaxP95 { get; } = PositiveNumber("--max-p95-ms", $"perf: the highest graph read p95 latency that passes, in milliseconds (default {PerfOptions.DefaultMaxP95Milliseconds}).");

    public Option<double?> MaxCost { get; } = PositiveNumber("--max-cost-per-insight", $"perf: the highest cost per insight that passes, in the currency of --price-per-cpu-second (default {PerfOptions.DefaultMaxCostPerInsight}).");

    public Option<double?> Price { get; } = PositiveNumber("--price-per-cpu-second", $"perf: the price of one second of server CPU time (default {PerfOptions.DefaultPricePerCpuSecond} USD, an estimate; see docs/cost-per-insight.md).");

    public Option<string?> Prometheus { get; } = new("--prometheus") { Description = "perf: a Prometheus server that scrapes the target; the gate then reads the load window from its query API instead of the target's /metrics." };

    public Option<long?> PrometheusWait { get; } = CommonOptions.WholeNumber("--prometheus-wait", "perf: seconds to wait for the Prometheus server's next scrape, before and after the load (default 20; at least its scrape interval).");

    public IEnumerable<Option> All => [Clients, ClientId, SecretFile, SecretEnv, Realm, Repository, Project, Policy, Requests, Concurrency, Label, MaxP95, MaxCost, Price, Prometheus, PrometheusWait];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var hasId = result.GetValue(ClientId) is not null;
            var sources = (result.GetValue(SecretFile) is null ? 0 : 1) + (result.GetValue(SecretEnv) is null ? 0 : 1);
            if (hasId && sources != 1)
            {
                result.AddError("--client-id needs exactly one of --secret-file and --secret-env.");
            }
            else if (!hasId && sources > 0)
            {
                result.AddError("--secret-file and --secret-env need --client-id.");
            }
        });
    }

    /// <summary>Returns the clients to mint tokens for: those of the clients file, then the --client-id client.</summary>
    /// <exception cref="InvalidInputException">The clients file is invalid.</exception>
    public IReadOnlyList<ClientCredential> ReadCredentials(ParseResult parse)
    {
        var credentials = new List<ClientCredential>();
        var clientsFile = parse.GetValue(Clients) ?? (File.Exists(DefaultClientsFile) ? DefaultClientsFile : null);
        if (clientsFile is not null)
        {
            credentials.AddRange(ClientsFileReader.Read(clientsFile));
        }

        if (parse.GetValue(ClientId) is { } clientId)
        {
            credentials.Add(parse.GetValue(SecretFile) is { } secretFile
                ? ClientCredential.FromFile(clientId, Path.GetFullPath(secretFile))
                : ClientCredential.FromEnvironment(clientId, parse.GetValue(SecretEnv)!));
        }

        return credentials;
    }

    public GateSettings ReadSettings(ParseResult parse, HttpClient? prometheus) => new(
        new PerfOptions(
            Requests: (int)Math.Min(parse.GetValue(Requests) ?? PerfOptions.DefaultRequests, 1_000_000),
            Concurrency: (int)Math.Min(parse.GetValue(Concurrency) ?? PerfOptions.DefaultConcurrency, 256),
            Label: parse.GetValue(Label)!,
            MaxP95Milliseconds: parse.GetValue(MaxP95) ?? PerfOptions.DefaultMaxP95Milliseconds,
            MaxCostPerInsight: parse.GetValue(MaxCost) ?? PerfOptions.DefaultMaxCostPerInsight,
            PricePerCpuSecond: parse.GetValue(Price) ?? PerfOptions.DefaultPricePerCpuSecond,
            PrometheusUrl: prometheus?.BaseAddress,
            PrometheusScrapeWait: parse.GetValue(PrometheusWait) is { } seconds ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : null),
        parse.GetValue(Project)!,
        parse.GetValue(Policy)!,
        prometheus);

    /// <summary>Creates the Prometheus client when --prometheus is given.</summary>
    public HttpClient? CreatePrometheusClient(ParseResult parse) =>
        parse.GetValue(Prometheus) is { } url ? TargetClient.CreateHttpClient(url, TimeSpan.FromSeconds(30)) : null;

    /// <summary>Returns the repository's root folder, so tracked paths and the policy file resolve the same from any subfolder.</summary>
    public string ResolveRepository(ParseResult parse) => Path.GetFullPath(parse.GetValue(Repository)!);

    private static Option<double?> PositiveNumber(string name, string description)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is not null && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value)))
            {
                result.AddError($"Invalid value '{text}' for {name}: expected a positive number such as 1500 or 0.005.");
            }
        });
        return option;
    }
}

/// <summary>Reads the environments file and reports a malformed one as a usage error with file, line and field.</summary>
internal static class EnvironmentsOption
{
    public static Option<string> Create() => new("--environments")
    {
        Description = $"The environments file: each environment's URL and required gates, the signing key and the records folder (default: {DeploymentEnvironments.DefaultPath}).",
        DefaultValueFactory = _ => DeploymentEnvironments.DefaultPath,
    };

    /// <summary>Runs a release command body; an invalid environments file prints each problem and exits 2.</summary>
    public static Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(environment, async () =>
        {
            try
            {
                return await body();
            }
            catch (EnvironmentsFileException ex)
            {
                foreach (var error in ex.Errors)
                {
                    await environment.Error.WriteLineAsync($"error: {error}");
                }

                return ExitCodes.Usage;
            }
        }, cancellationToken);
}
