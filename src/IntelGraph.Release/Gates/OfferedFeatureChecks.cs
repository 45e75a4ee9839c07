using System.Text.Json;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>
/// Smoke checks of graph features that a target may or may not offer yet. Each looks for its route in
/// the target's OpenAPI document and runs only when the route is there; otherwise it is listed as not
/// available.
/// </summary>
internal static class OfferedFeatureChecks
{
    /// <summary>Previews a question that fits any graph, then runs the previewed Cypher and parameters unchanged.</summary>
    public static async Task RunNlCypherAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken)
    {
        const string id = "nl-cypher";
        const string title = "NL→Cypher preview and execution";
        if (!offered.Contains("POST /graph/nl") || !offered.Contains("POST /graph/nl/execute"))
        {
            recorder.NotAvailable(id, title, "The target's OpenAPI document does not offer POST /graph/nl and POST /graph/nl/execute.");
            return;
        }

        await recorder.RunAsync(id, title, required: false, async () =>
        {
            var caller = callers.Callers.FirstOrDefault(candidate => candidate.Tenant is not null);
            if (caller is null)
            {
                return CheckOutcome.Fail("No configured client has a tenant.");
            }

            var question = JsonSerializer.Serialize(new { question = "how many entities of each type" });
            var preview = await target.SendAsync(HttpMethod.Post, "/graph/nl", caller.Token, question, cancellationToken).ConfigureAwait(false);
            if (preview.Status != 200 || ReadPreview(preview.Body) is not { } previewed)
            {
                return CheckOutcome.Fail($"POST /graph/nl returned {preview.Status} without a translated preview: {preview.Excerpt()}");
            }

            var execute = await target.SendAsync(HttpMethod.Post, "/graph/nl/execute", caller.Token, previewed, cancellationToken).ConfigureAwait(false);
            return CheckOutcome.PassWhen(
                execute.Status == 200,
                "POST /graph/nl translated the question and POST /graph/nl/execute ran the previewed query.",
                $"POST /graph/nl/execute returned {execute.Status}: {execute.Excerpt()}",
                new Dictionary<string, string> { ["question"] = question, ["execute"] = previewed });
        }).ConfigureAwait(false);
    }

    public static Task RunGraphQueryAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken) =>
        RunPostAsync(recorder, target, callers, offered, "graph-query", "Cypher query over the graph", "/graph/query",
            JsonSerializer.Serialize(new { cypher = "MATCH (n) RETURN count(n) AS entities" }), cancellationToken);

    public static async Task RunAnalyticsAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken)
    {
        const string id = "analytics-pattern";
        const string title = "Analytics/Pattern returns non-empty results";
        // PageRank ranks every entity, so a graph with any entity gives a non-empty result; any other analysis will do when it is missing.
        var operation = offered.Contains("GET /graph/analytics/pagerank")
            ? "GET /graph/analytics/pagerank"
            : offered.Order(StringComparer.Ordinal)
                .FirstOrDefault(candidate => candidate.StartsWith("GET /graph/analytics/", StringComparison.Ordinal) && !candidate.Contains('{', StringComparison.Ordinal));
        if (operation is null)
        {
            recorder.NotAvailable(id, title, "The target's OpenAPI document offers no GET /graph/analytics/… route without path parameters.");
            return;
        }

        var path = operation["GET ".Length..];
        await recorder.RunAsync(id, title, required: false, async () =>
        {
            var caller = callers.Callers.FirstOrDefault(candidate => candidate.Tenant is not null);
            if (caller is null)
            {
                return CheckOutcome.Fail("No configured client has a tenant.");
            }

            var response = await target.SendAsync(HttpMethod.Get, path, caller.Token, null, cancellationToken).ConfigureAwait(false);
            return CheckOutcome.PassWhen(
                response.Status == 200 && HasContent(response.Body),
                $"GET {path} returned 200 with a non-empty result.",
                $"GET {path} returned {response.Status}: {response.Excerpt()}");
        }).ConfigureAwait(false);
    }

    private static async Task RunPostAsync(
        EvidenceRecorder recorder,
        TargetClient target,
        CallerSet callers,
        IReadOnlySet<string> offered,
        string id,
        string title,
        string route,
        string body,
        CancellationToken cancellationToken)
    {
        if (!offered.Contains("POST " + route))
        {
            recorder.NotAvailable(id, title, $"The target's OpenAPI document does not offer POST {route}.");
            return;
        }

        await recorder.RunAsync(id, title, required: false, async () =>
        {
            var caller = callers.Callers.FirstOrDefault(candidate => candidate.Tenant is not null);
            if (caller is null)
            {
                return CheckOutcome.Fail("No configured client has a tenant.");
            }

            var response = await target.SendAsync(HttpMethod.Post, route, caller.Token, body, cancellationToken).ConfigureAwait(false);
            return CheckOutcome.PassWhen(
                response.Status == 200,
                $"POST {route} returned 200.",
                $"POST {route} returned {response.Status}: {response.Excerpt()}",
                new Dictionary<string, string> { ["request"] = body });
        }).ConfigureAwait(false);
    }

    /// <summary>Returns the execute body (the preview's cypher and parameters) of a translated preview, or null.</summary>
    private static string? ReadPreview(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("outcome", out var outcome) || outcome.GetString() != "translated"
                || !root.TryGetProperty("cypher", out var cypher) || !root.TryGetProperty("parameters", out var parameters))
            {
                return null;
            }

            return JsonSerializer.Serialize(new { cypher = cypher.GetString(), parameters });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the JSON body's <c>result</c> (or, without one, the body itself) is a non-empty array or an object
    /// holding a non-empty array, so a response that only names its analysis does not count.
    /// </summary>
    private static bool HasContent(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var content = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result) ? result : root;
            return HoldsItems(content);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HoldsItems(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.GetArrayLength() > 0,
        JsonValueKind.Object => element.EnumerateObject().Any(member => HoldsItems(member.Value)),
        _ => false,
    };
}
