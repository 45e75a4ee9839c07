using System.CommandLine;
using IntelGraph.Analytics;
using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Cli.Output;

namespace IntelGraph.Cli.Commands.Analytics;

/// <summary><c>intelgraph analytics</c>: centralities, communities, paths, neighbourhoods and patterns over a tenant's graph.</summary>
internal static class AnalyticsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var patternKind = new Argument<string>("pattern")
        {
            Description = "The pattern: shared-techniques (actors that use the same attack-patterns), common-targets (actors that reach the same targets) or triangles.",
        };
        patternKind.AcceptOnlyFromAmong("shared-techniques", "common-targets", "triangles");

        return new Command("analytics", "Run graph analytics over a tenant's stored graph; --explain adds why, --without-edge what changes without one edge.")
        {
            Subcommand(environment, AnalysisKind.PageRank, "Rank entities by PageRank over the directed edges."),
            Subcommand(environment, AnalysisKind.Degree, "Rank entities by their number of edges (--order total, in or out)."),
            Subcommand(environment, AnalysisKind.Betweenness, "Rank entities by betweenness centrality (Brandes); sampled with a fixed seed above 5000 entities."),
            Subcommand(environment, AnalysisKind.Communities, "Split the graph into communities with the Louvain method."),
            Subcommand(environment, AnalysisKind.Path, "Find a shortest path between two entities (--from, --to)."),
            Subcommand(environment, AnalysisKind.KHop, "List the entities within --depth edges of --node."),
            Subcommand(environment, AnalysisKind.Patterns, "Find recurring patterns: shared techniques, common targets or triangles.", patternKind),
        };
    }

    private static Command Subcommand(CliEnvironment environment, AnalysisKind kind, string description, Argument<string>? pattern = null)
    {
        var options = new AnalyticsOptions(kind);
        var command = new Command(AnalyticsRunner.NameOf(kind), description);
        if (pattern is not null)
        {
            command.Arguments.Add(pattern);
        }

        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(options.Tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(options.Database), cancellationToken);
            var started = environment.TimeProvider.GetTimestamp();
            var graph = await AnalyticsGraphLoader.LoadAsync(stores.Graph, tenantId, cancellationToken);
            var loadSeconds = environment.TimeProvider.GetElapsedTime(started).TotalSeconds;

            started = environment.TimeProvider.GetTimestamp();
            AnalyticsResponse response;
            try
            {
                var request = options.ToRequest(parse, pattern is null ? null : parse.GetValue(pattern));
                response = await AnalyticsRunner.RunAsync(
                    new GraphAnalytics(graph), new EdgeEvidenceReader(stores.Ledger, stores.Manifests), tenantId, request, cancellationToken);
            }
            catch (AnalyticsInputException ex)
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            var analysisSeconds = environment.TimeProvider.GetElapsedTime(started).TotalSeconds;
            if (parse.GetValue(options.Json))
            {
                // The timings let scripts such as bench/analytics.sh tell reading the graph from running the analysis.
                await CliJson.WriteAsync(environment.Out, new
                {
                    response.Analysis,
                    response.Result,
                    response.Explanation,
                    response.Counterfactual,
                    Seconds = new { Load = loadSeconds, Analysis = analysisSeconds },
                });
            }
            else
            {
                await AnalyticsTextOutput.WriteAsync(environment.Out, response);
            }

            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }
}
