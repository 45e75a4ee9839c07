using System.Globalization;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Release.Target;

namespace IntelGraph.Cli.Cutover;

/// <summary>
/// One deployment's API as the cutover uses it: the write freeze, the tenant's ledger read page by page
/// as the playbook reads the old ledger, and the tenant's cases, tasks and report metadata.
/// </summary>
internal sealed class SideApi(CutoverSide side, TargetClient target, ClientCredential credential)
{
    private const int PageSize = 1000;

    private const int CaseReadsInFlight = 8;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    private readonly SemaphoreSlim _minting = new(1, 1);

    private volatile string? _token;

    public CutoverSide Side { get; } = side;

    public TargetClient Target { get; } = target;

    /// <summary>Freezes writes on the side for everyone but <paramref name="exemptClients"/>, or replaces the freeze in force.</summary>
    /// <returns>When the freeze began.</returns>
    public async Task<DateTimeOffset> FreezeAsync(string banner, IReadOnlyList<string> exemptClients, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Put, "/admin/freeze", new { banner, exemptClients }, cancellationToken);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("frozenAt").GetDateTimeOffset();
    }

    /// <summary>Reads the freeze, which needs the admin role, so a plan whose operator lacks it fails before anything is copied.</summary>
    public async Task CheckOperatorAsync(CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, "/admin/freeze", null, cancellationToken);

    public async Task UnfreezeAsync(CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, "/admin/freeze", null, cancellationToken);

    /// <summary>Reads every claim of the tenant appended after <paramref name="after"/>, in append order.</summary>
    public async Task<ClaimRead> ReadClaimsAsync(string? after, CancellationToken cancellationToken)
    {
        var claims = new List<CarriedClaim>();
        var cursor = after;
        while (true)
        {
            var path = $"/ledger/claims?limit={PageSize}" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));
            using var page = JsonDocument.Parse(await SendAsync(HttpMethod.Get, path, null, cancellationToken));
            foreach (var item in page.RootElement.GetProperty("claims").EnumerateArray())
            {
                claims.Add(new CarriedClaim(item.GetProperty("id").GetString()!, item.GetProperty("digest").GetString()!, item.GetProperty("claim").GetRawText()));
            }

            var last = page.RootElement.GetProperty("lastCursor");
            cursor = last.ValueKind == JsonValueKind.String ? last.GetString() : cursor;
            if (page.RootElement.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
            {
                return new ClaimRead(claims, cursor);
            }
        }
    }

    /// <summary>Appends a claim with its body exactly as read. Appending a claim that the side already has changes nothing.</summary>
    /// <returns>True when the claim was new on this side.</returns>
    public async Task<bool> AppendClaimAsync(CarriedClaim claim, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(HttpMethod.Post, "/ledger/claims", claim.Body, cancellationToken);
        if (response.Status is not (200 or 201))
        {
            throw Failure("POST", "/ledger/claims", response, $"claim '{claim.Id}'");
        }

        using var document = JsonDocument.Parse(response.Body);
        var digest = document.RootElement.GetProperty("digest").GetString();
        if (!string.Equals(digest, claim.Digest, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"The {Side.Name} side computed digest {digest} for claim '{claim.Id}', but the side it came from has {claim.Digest}. The claim's body changed on the way; nothing else is copied until this is explained.");
        }

        return document.RootElement.GetProperty("appended").GetBoolean();
    }

    /// <summary>Reads every case of the tenant with its tasks and report metadata, in case id order.</summary>
    public async Task<IReadOnlyList<CarriedCase>> ReadCasesAsync(CancellationToken cancellationToken)
    {
        var items = await ReadPagesAsync("/cases", cancellationToken);
        var cases = new CarriedCase[items.Count];

        // Tasks and reports are listed per case, so the cases are read a few at a time to keep the freeze short.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = CaseReadsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (index, token) =>
        {
            cases[index] = await ReadCaseAsync(items[index], token);
        });

        return cases;
    }

    private async Task<CarriedCase> ReadCaseAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var id = item.GetProperty("id").GetString()!;
        var escaped = Uri.EscapeDataString(id);
        var tasks = (await ReadPagesAsync($"/cases/{escaped}/tasks", cancellationToken))
            .Select(task => new CarriedTask(task.GetProperty("id").GetString()!, task.GetProperty("title").GetString()!, task.GetProperty("status").GetString()!, OptionalString(task, "assignee")))
            .ToList();
        var reports = (await ReadPagesAsync($"/cases/{escaped}/reports", cancellationToken))
            .Select(report => new CarriedReport(report.GetProperty("id").GetString()!, report.GetProperty("title").GetString()!, OptionalString(report, "audience"), OptionalString(report, "fileKey")))
            .ToList();
        return new CarriedCase(
            id,
            item.GetProperty("name").GetString()!,
            item.GetProperty("status").GetString()!,
            OptionalString(item, "owner"),
            OptionalString(item, "severity"),
            tasks,
            reports);
    }

    public Task CreateCaseAsync(CarriedCase record, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/cases", new { id = record.Id, name = record.Name, status = record.Status, owner = record.Owner, severity = record.Severity }, cancellationToken);

    public Task UpdateCaseAsync(CarriedCase record, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/cases/{Uri.EscapeDataString(record.Id)}", new { name = record.Name, status = record.Status, owner = record.Owner, severity = record.Severity }, cancellationToken);

    public Task CreateTaskAsync(string caseId, CarriedTask task, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/cases/{Uri.EscapeDataString(caseId)}/tasks", new { id = task.Id, title = task.Title, status = task.Status, assignee = task.Assignee }, cancellationToken);

    public Task UpdateTaskAsync(string caseId, CarriedTask task, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/cases/{Uri.EscapeDataString(caseId)}/tasks/{Uri.EscapeDataString(task.Id)}", new { title = task.Title, status = task.Status, assignee = task.Assignee }, cancellationToken);

    public Task CreateReportAsync(string caseId, CarriedReport report, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/cases/{Uri.EscapeDataString(caseId)}/reports", new { id = report.Id, title = report.Title, audience = report.Audience, fileKey = report.FileKey }, cancellationToken);

    public Task UpdateReportAsync(string caseId, CarriedReport report, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/cases/{Uri.EscapeDataString(caseId)}/reports/{Uri.EscapeDataString(report.Id)}", new { title = report.Title, audience = report.Audience, fileKey = report.FileKey }, cancellationToken);

    /// <summary>Reads the side's Prometheus exposition; the operator client needs the admin role.</summary>
    public async Task<IReadOnlyList<IntelGraph.Release.Metrics.MetricSample>> ReadMetricsAsync(CancellationToken cancellationToken) =>
        IntelGraph.Release.Metrics.PrometheusText.Parse(await SendAsync(HttpMethod.Get, "/metrics", null, cancellationToken));

    /// <summary>Reads a list endpoint page by page and returns every item.</summary>
    private async Task<List<JsonElement>> ReadPagesAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = $"{path}?limit={PageSize}" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));
            using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Get, page, null, cancellationToken));
            items.AddRange(document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.Clone()));
            var next = document.RootElement.GetProperty("nextCursor");
            cursor = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        return items;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<string> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body, _json), cancellationToken);
        return response.IsSuccess ? response.Body : throw Failure(method.Method, path, response, subject: null);
    }

    /// <summary>Sends with the operator's token, minting a new one first when there is none or the side no longer accepts it.</summary>
    private async Task<TargetResponse> SendRawAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = _token ?? await MintOnceAsync(cancellationToken);
            TargetResponse response;
            try
            {
                response = await Target.SendAsync(method, path, token, json, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new CutoverException($"The {Side.Name} side at {Side.Url} is unreachable ({method.Method} {path}): {ex.Message}. Check that it runs, then run the same cutover again to resume.");
            }

            if (response.Status != 401 || attempt > 0)
            {
                return response;
            }

            // The side no longer accepts the token, for example after it expired: the next attempt mints a new one.
            Interlocked.CompareExchange(ref _token, null, token);
        }
    }

    /// <summary>Mints a token unless a concurrent request already did, so parallel reads share one.</summary>
    private async Task<string> MintOnceAsync(CancellationToken cancellationToken)
    {
        await _minting.WaitAsync(cancellationToken);
        try
        {
            return _token ??= await MintAsync(cancellationToken);
        }
        finally
        {
            _minting.Release();
        }
    }

    private async Task<string> MintAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (token, error) = await Target.MintTokenAsync(credential, cancellationToken);
            return token ?? throw new CutoverException($"The cutover could not sign in to the {Side.Name} side: {error}");
        }
        catch (HttpRequestException ex)
        {
            throw new CutoverException($"The {Side.Name} side at {Side.Url} is unreachable for a token: {ex.Message}. Check that it runs, then run the same cutover again to resume.");
        }
    }

    private CutoverException Failure(string method, string path, TargetResponse response, string? subject)
    {
        var what = subject is null ? string.Empty : $" for {subject}";
        var hint = response.Status switch
        {
            503 => " The side is frozen and did not exempt the operator client; check the plan's operator and clients.",
            403 => " The plan's operator client needs the admin and lead roles; check the plan's operator.",
            _ => string.Empty,
        };
        return new CutoverException(
            string.Create(CultureInfo.InvariantCulture, $"The {Side.Name} side answered {response.Status} to {method} {path}{what}: {response.Excerpt()}.{hint}"));
    }
}

/// <summary>A cutover step that could not finish. The message gives what failed and what to do next.</summary>
internal sealed class CutoverException(string message) : IntelGraphException(message);
