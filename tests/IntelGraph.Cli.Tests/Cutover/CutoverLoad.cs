using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// Bounded load through the edge while a cutover runs: readers fetch claims and entities, writers append
/// claims, create cases and retitle one task. Every response is kept with its time, so a test can check
/// that no read failed and that each write was either acknowledged or refused with 503.
/// </summary>
internal sealed class CutoverLoad
{
    private readonly ConcurrentQueue<Sample> _reads = new();
    private readonly ConcurrentQueue<Write> _writes = new();
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _stop = new();

    public IReadOnlyCollection<Sample> Reads => _reads;

    public IReadOnlyCollection<Write> Writes => _writes;

    public string TaskCaseId { get; private set; } = string.Empty;

    public string TaskId { get; private set; } = string.Empty;

    /// <param name="readers">Clients of the edge with a reading token.</param>
    /// <param name="writer">A client of the edge whose client is not exempt from the freeze.</param>
    public static async Task<CutoverLoad> StartAsync(IReadOnlyList<HttpClient> readers, HttpClient writer, CancellationToken cancellationToken)
    {
        var load = new CutoverLoad();
        var claimIds = await ReadClaimIdsAsync(writer, cancellationToken);
        var entityIds = await ReadEntityIdsAsync(writer, cancellationToken);
        (load.TaskCaseId, load.TaskId) = await ReadSomeTaskAsync(writer, cancellationToken);

        foreach (var (reader, index) in readers.Select((reader, index) => (reader, index)))
        {
            load._workers.Add(Task.Run(() => load.ReadAsync(reader, index, claimIds, entityIds), CancellationToken.None));
        }

        load._workers.Add(Task.Run(() => load.WriteAsync(writer), CancellationToken.None));
        return load;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task ReadAsync(HttpClient http, int worker, IReadOnlyList<string> claimIds, IReadOnlyList<string> entityIds)
    {
        var random = new Random(worker);
        while (!_stop.IsCancellationRequested)
        {
            var path = random.Next(2) == 0
                ? "/ledger/claims/" + Uri.EscapeDataString(claimIds[random.Next(claimIds.Count)])
                : "/graph/entities/" + Uri.EscapeDataString(entityIds[random.Next(entityIds.Count)]);
            _reads.Enqueue(await SendAsync(http, HttpMethod.Get, path, null));
        }
    }

    private async Task WriteAsync(HttpClient http)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var claimId = $"load-{run}-{n}";
            var claim = await SendAsync(http, HttpMethod.Post, "/ledger/claims", JsonSerializer.Serialize(new { id = claimId, statement = $"load claim {n}", source = "cutover test" }));
            _writes.Enqueue(new Write(WriteKind.Claim, claimId, null, claim));

            if (n % 3 == 0)
            {
                var caseId = $"load-case-{run}-{n}";
                var created = await SendAsync(http, HttpMethod.Post, "/cases", JsonSerializer.Serialize(new { id = caseId, name = $"Load case {n}", status = "open" }));
                _writes.Enqueue(new Write(WriteKind.Case, caseId, null, created));
            }

            if (n % 2 == 0)
            {
                var title = $"Retitled by the load, write {n}";
                var path = $"/cases/{Uri.EscapeDataString(TaskCaseId)}/tasks/{Uri.EscapeDataString(TaskId)}";
                var updated = await SendAsync(http, HttpMethod.Put, path, JsonSerializer.Serialize(new { title, status = "open", assignee = "load" }));
                _writes.Enqueue(new Write(WriteKind.TaskTitle, TaskId, title, updated));
            }
        }
    }

    private async Task<Sample> SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        var started = Stopwatch.GetTimestamp();
        var at = DateTimeOffset.UtcNow;
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var detail = response.IsSuccessStatusCode ? null : $"{method} {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            return new Sample(at, Stopwatch.GetElapsedTime(started), (int)response.StatusCode, detail, response.Headers.RetryAfter is not null);
        }
        catch (HttpRequestException ex)
        {
            return new Sample(at, Stopwatch.GetElapsedTime(started), 0, $"{method} {path}: {ex.Message}", false);
        }
    }

    private static async Task<List<string>> ReadClaimIdsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync("/ledger/claims?limit=200", cancellationToken));
        return [.. page.RootElement.GetProperty("claims").EnumerateArray().Select(claim => claim.GetProperty("id").GetString()!)];
    }

    private static async Task<List<string>> ReadEntityIdsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync("/graph/entities?label=a&limit=50", cancellationToken));
        var items = page.RootElement.TryGetProperty("items", out var list) ? list : page.RootElement.GetProperty("entities");
        return [.. items.EnumerateArray().Select(entity => entity.GetProperty("id").GetString()!)];
    }

    private static async Task<(string CaseId, string TaskId)> ReadSomeTaskAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var cases = JsonDocument.Parse(await http.GetStringAsync("/cases?limit=50", cancellationToken));
        foreach (var item in cases.RootElement.GetProperty("items").EnumerateArray())
        {
            var caseId = item.GetProperty("id").GetString()!;
            using var tasks = JsonDocument.Parse(await http.GetStringAsync($"/cases/{Uri.EscapeDataString(caseId)}/tasks?limit=1", cancellationToken));
            if (tasks.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } task)
            {
                return (caseId, task.GetProperty("id").GetString()!);
            }
        }

        throw new InvalidOperationException("pilot-ics has no case with a task.");
    }
}

/// <summary>One response: when the request was sent, how long it took, its status (0 when it failed before one) and what went wrong.</summary>
internal sealed record Sample(DateTimeOffset At, TimeSpan Latency, int Status, string? Failure, bool RetryAfter)
{
    public bool Acknowledged => Status is 200 or 201;

    public bool Refused => Status == (int)HttpStatusCode.ServiceUnavailable;
}

internal enum WriteKind
{
    Claim,
    Case,
    TaskTitle,
}

/// <param name="Value">For a task title, the title written.</param>
internal sealed record Write(WriteKind Kind, string Id, string? Value, Sample Response);
