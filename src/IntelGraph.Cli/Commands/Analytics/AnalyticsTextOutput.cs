using System.Globalization;
using IntelGraph.Analytics;
using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Analytics.Reports;

namespace IntelGraph.Cli.Commands.Analytics;

/// <summary>Writes an analytics response as lines for a person; <c>--json</c> carries every field.</summary>
internal static class AnalyticsTextOutput
{
    public static async Task WriteAsync(TextWriter output, AnalyticsResponse response)
    {
        switch (response.Result)
        {
            case RankingReport ranking:
                await output.WriteLineAsync($"{ranking.Analysis} over {ranking.NodeCount} entities and {ranking.EdgeCount} edges ({Details(ranking.Details)}):");
                foreach (var item in ranking.Items)
                {
                    await output.WriteLineAsync($"{item.Position,4}. {Number(item.Score)}  {Describe(item.Node)}");
                }

                break;
            case DegreeReport degree:
                await output.WriteLineAsync($"degree over {degree.NodeCount} entities and {degree.EdgeCount} edges, by {degree.OrderBy} (in / out / total):");
                foreach (var item in degree.Items)
                {
                    await output.WriteLineAsync($"{item.Position,4}. {item.In} / {item.Out} / {item.Total}  {Describe(item.Node)}");
                }

                break;
            case CommunityReport communities:
                await output.WriteLineAsync(
                    $"{communities.Count} communities over {communities.NodeCount} entities, modularity {Number(communities.Modularity)}:");
                foreach (var community in communities.Communities)
                {
                    var types = string.Join(", ", community.Types.Select(type => $"{type.Value} {type.Key}"));
                    await output.WriteLineAsync($"  community {community.Community}: {community.Size} entities ({types}); e.g. {string.Join("; ", community.Members.Take(5).Select(m => m.Label))}");
                }

                break;
            case PathReport path:
                await output.WriteLineAsync(path.Found
                    ? $"shortest path from {Describe(path.From)} to {Describe(path.To)}: {path.Hops} edge(s)"
                    : $"no path from {Describe(path.From)} to {Describe(path.To)} (direction {path.Direction})");
                foreach (var step in path.Steps)
                {
                    await output.WriteLineAsync($"  {(step.Forward ? "-" : "<-")}[{step.Edge.Type} {step.Edge.Id}]{(step.Forward ? "->" : "-")} {Describe(step.To)}");
                }

                break;
            case NeighbourhoodReport neighbourhood:
                await output.WriteLineAsync(
                    $"{neighbourhood.Nodes.Count} entities within {neighbourhood.Depth} edge(s) of {Describe(neighbourhood.Start)}{(neighbourhood.Truncated ? " (limit reached)" : "")}:");
                foreach (var node in neighbourhood.Nodes.Skip(1))
                {
                    await output.WriteLineAsync($"  {node.Distance}  {Describe(node.Node)}  via {node.Via!.Type} {node.Via.Id}");
                }

                break;
            case PatternReport pattern:
                await WritePatternAsync(output, pattern);
                break;
        }

        if (response.Explanation is not null)
        {
            await output.WriteLineAsync("explanation:");
            await WriteExplanationAsync(output, response.Explanation);
        }

        if (response.Counterfactual is not null)
        {
            await output.WriteLineAsync("without the edge:");
            await WriteCounterfactualAsync(output, response.Counterfactual);
        }
    }

    private static async Task WritePatternAsync(TextWriter output, PatternReport pattern)
    {
        await output.WriteLineAsync($"{pattern.Total} {pattern.Pattern} match(es); the first {pattern.Pairs.Count + pattern.Triangles.Count}:");
        foreach (var pair in pattern.Pairs)
        {
            await output.WriteLineAsync(
                $"  {pair.SharedCount} shared (Jaccard {Number(pair.Jaccard)}): {Describe(pair.First)} and {Describe(pair.Second)}: {string.Join(", ", pair.Shared.Select(item => item.Item.Label))}");
        }

        foreach (var triangle in pattern.Triangles)
        {
            await output.WriteLineAsync($"  {string.Join(" - ", triangle.Nodes.Select(Describe))}");
        }
    }

    private static async Task WriteExplanationAsync(TextWriter output, object explanation)
    {
        switch (explanation)
        {
            case ScoreExplanation score:
                await output.WriteLineAsync($"  {score.Analysis} of {Describe(score.Node)} = {Number(score.Score)}; {score.Method}; baseline {Number(score.Baseline)}");
                foreach (var neighbour in score.Neighbours)
                {
                    await output.WriteLineAsync($"  {Number(neighbour.Share)}  from {Describe(neighbour.Neighbour)}{(neighbour.Edge is null ? "" : $" via {neighbour.Edge.Type} {neighbour.Edge.Id}")}");
                }

                foreach (var path in score.Paths)
                {
                    await output.WriteLineAsync($"  {Number(path.Share)}  along {string.Join(" -> ", path.Nodes.Select(node => node.Label))}");
                }

                break;
            case CommunityExplanation community:
                await output.WriteLineAsync($"  {Describe(community.Node)} is in community {community.Community}; its neighbours by community:");
                foreach (var group in community.NeighbourCommunities)
                {
                    await output.WriteLineAsync($"  community {group.Community}: {group.Edges} neighbour edge(s), e.g. {string.Join("; ", group.Neighbours.Take(5).Select(n => n.Label))}");
                }

                break;
            case IReadOnlyList<EdgeExplanation> edges:
                foreach (var edge in edges)
                {
                    await output.WriteLineAsync($"  edge {edge.Edge.Id} ({edge.Edge.Type}): {edge.Claims.Count} claim(s)");
                    foreach (var claim in edge.Claims)
                    {
                        var seal = claim.Proof is { } proof
                            ? $"sealed in {proof.ManifestId} at leaf {proof.LeafIndex}, root {proof.RootHash}, proof {(proof.Verified ? "verified" : "FAILED")}"
                            : "not sealed yet";
                        await output.WriteLineAsync($"    {claim.ClaimId}: {seal}; {claim.Sources?.GetArrayLength() ?? 0} source(s)");
                        if (!string.IsNullOrEmpty(claim.Statement))
                        {
                            await output.WriteLineAsync($"      {claim.Statement}");
                        }
                    }
                }

                break;
        }
    }

    private static async Task WriteCounterfactualAsync(TextWriter output, object counterfactual)
    {
        switch (counterfactual)
        {
            case ScoreCounterfactual scores:
                await output.WriteLineAsync($"  removed {Describe(scores.RemovedEdge)}; {scores.Changes.Count} largest change(s):");
                foreach (var change in scores.Changes)
                {
                    await output.WriteLineAsync($"  {Number(change.Before)} -> {Number(change.After)} (place {change.PositionBefore} -> {change.PositionAfter})  {Describe(change.Node)}");
                }

                break;
            case PathCounterfactual path:
                await output.WriteLineAsync($"  removed {Describe(path.RemovedEdge)}; path {Hops(path.Before)} -> {Hops(path.After)}");
                break;
            case NeighbourhoodCounterfactual neighbourhood:
                await output.WriteLineAsync(
                    $"  removed {Describe(neighbourhood.RemovedEdge)}; {neighbourhood.Lost.Count} entities lost, {neighbourhood.Gained.Count} gained, {neighbourhood.Moved.Count} at another distance");
                break;
            case CommunityCounterfactual communities:
                await output.WriteLineAsync(
                    $"  removed {Describe(communities.RemovedEdge)}; communities {communities.CountBefore} -> {communities.CountAfter}, modularity {Number(communities.ModularityBefore)} -> {Number(communities.ModularityAfter)}, {communities.NodesMoved} entities moved");
                break;
            case PatternCounterfactual pattern:
                await output.WriteLineAsync($"  removed {Describe(pattern.RemovedEdge)}; matches {pattern.TotalBefore} -> {pattern.TotalAfter}");
                foreach (var change in pattern.Changes)
                {
                    await output.WriteLineAsync($"  {change.Before} -> {change.After} shared: {Describe(change.First)} and {Describe(change.Second)}");
                }

                break;
        }
    }

    private static string Hops(PathReport path) => path.Found ? $"{path.Hops} edge(s)" : "none";

    private static string Describe(NodeRef node) => $"{node.Label} ({node.Type}, {node.Id})";

    private static string Describe(EdgeRef edge) => $"{edge.Type} edge {edge.Id}";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Details(IReadOnlyDictionary<string, object> details) =>
        string.Join(", ", details.Select(pair => $"{pair.Key} {(pair.Value is double number ? Number(number) : pair.Value.ToString()?.ToLowerInvariant())}"));
}
