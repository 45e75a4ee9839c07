using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>What the synthetic load did: requests sent, those that returned 200, and those that returned data (insights).</summary>
public sealed record LoadResult(int Sent, int Answered, int Insights, int Failed, TimeSpan Elapsed, IReadOnlyDictionary<string, int> ByKind, string? FirstFailure);

/// <summary>
/// A bounded synthetic load of graph reads: label searches, entity reads and neighbour reads, in turn,
/// over the entities a first search found, and Cypher queries when the target offers <c>POST /graph/query</c>.
/// </summary>
internal static class SyntheticLoad
{
    public static async Task<LoadResult> RunAsync(
        TargetClient target, TargetCaller caller, IReadOnlyList<string> entityIds, PerfOptions options, bool offersQuery, CancellationToken cancellationToken)
    {
        var kinds = offersQuery ? new[] { "search", "entity", "neighbours", "query" } : ["search", "entity", "neighbours"];
        var byKind = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int next = -1, answered = 0, insights = 0, failed = 0;
        string? firstFailure = null;
        var stopwatch = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= options.Requests)
                {
                    return;
                }

                var kind = kinds[index % kinds.Length];
                var entityId = entityIds[index / kinds.Length % entityIds.Count];
                var response = kind switch
                {
                    "search" => await target.SendAsync(HttpMethod.Get, $"/graph/entities?label={Uri.EscapeDataString(options.Label)}&limit=20", caller.Token, null, cancellationToken).ConfigureAwait(false),
                    "entity" => await target.SendAsync(HttpMethod.Get, $"/graph/entities/{Uri.EscapeDataString(entityId)}", caller.Token, null, cancellationToken).ConfigureAwait(false),
                    "neighbours" => await target.SendAsync(HttpMethod.Get, $"/graph/entities/{Uri.EscapeDataString(entityId)}/neighbours", caller.Token, null, cancellationToken).ConfigureAwait(false),
                    _ => await target.SendAsync(HttpMethod.Post, "/graph/query", caller.Token,
                        JsonSerializer.Serialize(new { cypher = "MATCH (n) RETURN n LIMIT 10" }), cancellationToken).ConfigureAwait(false),
                };

                byKind.AddOrUpdate(kind, 1, (_, count) => count + 1);
                if (response.Status == 200)
                {
                    Interlocked.Increment(ref answered);
                    if (ReturnsData(kind, response.Body))
                    {
                        Interlocked.Increment(ref insights);
                    }
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, $"{kind} returned {response.Status}: {response.Excerpt(200)}", null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkerAsync())).ConfigureAwait(false);
        return new LoadResult(Math.Min(options.Requests, next), answered, insights, failed, stopwatch.Elapsed, new Dictionary<string, int>(byKind), firstFailure);
    }

    /// <summary>
    /// True when a response carries data an analyst can use: a search with at least one entity, an entity,
    /// an entity with at least one edge, or a query with at least one row.
    /// </summary>
    internal static bool ReturnsData(string kind, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return kind switch
            {
                "search" => NonEmptyArray(root, "items"),
                "entity" => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out _),
                "neighbours" => NonEmptyArray(root, "edges"),
                _ => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result) && NonEmptyArray(result, "rows"),
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool NonEmptyArray(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.Array
        && value.GetArrayLength() > 0;
}
