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
    public static Task RunNlCypherAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken) =>
        RunPostAsync(recorder, target, callers, offered, "nl-cypher", "NL→Cypher preview and execution", "/graph/nl",
            // NOTE: the request shapes of /graph/nl ({"question"}) and /graph/query ({"query"}, rows in "rows") are assumed until those endpoints ship.
            JsonSerializer.Serialize(new { question = "Which entities are in the graph?" }), cancellationToken);

    public static Task RunGraphQueryAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken) =>
        RunPostAsync(recorder, target, callers, offered, "graph-query", "Cypher query over the graph", "/graph/query",
            JsonSerializer.Serialize(new { query = "MATCH (n) RETURN n LIMIT 5" }), cancellationToken);

    public static async Task RunAnalyticsAsync(EvidenceRecorder recorder, TargetClient target, CallerSet callers, IReadOnlySet<string> offered, CancellationToken cancellationToken)
    {
        const string id = "analytics-pattern";
        const string title = "Analytics/Pattern returns non-empty results";
        var operation = offered.Order(StringComparer.Ordinal)
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

    /// <summary>True when the JSON body is a non-empty array, or an object with a non-empty array or a non-null member.</summary>
    private static bool HasContent(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array => document.RootElement.GetArrayLength() > 0,
                JsonValueKind.Object => document.RootElement.EnumerateObject()
                    .Any(member => member.Value.ValueKind == JsonValueKind.Array ? member.Value.GetArrayLength() > 0 : member.Value.ValueKind != JsonValueKind.Null),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
