using System.Net;

namespace IntelGraph.Server.Tests;

public sealed class CaseEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Case_task_and_report_round_trip()
    {
        var lead = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var analyst = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var caseId = Ids.New("case");

        using var created = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{caseId}}","name":"Grid Wolves","owner":"ana"}""");
        using var updated = await Server.SendAsync(HttpMethod.Put, $"/cases/{caseId}", lead, """{"name":"Grid Wolves II","status":"closed"}""");
        using var task = await Server.SendAsync(HttpMethod.Post, $"/cases/{caseId}/tasks", analyst, """{"title":"collect samples","assignee":"bo"}""");
        var taskId = (await task.JsonAsync()).GetProperty("id").GetString();
        using var taskUpdate = await Server.SendAsync(HttpMethod.Put, $"/cases/{caseId}/tasks/{taskId}", analyst, """{"title":"collect samples","status":"done"}""");
        using var report = await Server.SendAsync(HttpMethod.Post, $"/cases/{caseId}/reports", analyst, """{"title":"weekly","audience":"internal","fileKey":"reports/w1.pdf"}""");
        var reportId = (await report.JsonAsync()).GetProperty("id").GetString();
        using var reportUpdate = await Server.SendAsync(HttpMethod.Put, $"/cases/{caseId}/reports/{reportId}", analyst, """{"title":"weekly v2","audience":"partner"}""");

        using var readCase = await Server.SendAsync(HttpMethod.Get, $"/cases/{caseId}", analyst);
        using var readTask = await Server.SendAsync(HttpMethod.Get, $"/cases/{caseId}/tasks/{taskId}", analyst);
        using var readReport = await Server.SendAsync(HttpMethod.Get, $"/cases/{caseId}/reports/{reportId}", analyst);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/cases/{caseId}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var storedCase = await readCase.JsonAsync();
        Assert.Equal("Grid Wolves II", storedCase.GetProperty("name").GetString());
        Assert.Equal("closed", storedCase.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, storedCase.GetProperty("owner").ValueKind);

        Assert.Equal(HttpStatusCode.OK, taskUpdate.StatusCode);
        var storedTask = await readTask.JsonAsync();
        Assert.Equal("done", storedTask.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, storedTask.GetProperty("assignee").ValueKind);
        Assert.EndsWith("Z", storedTask.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, reportUpdate.StatusCode);
        var storedReport = await readReport.JsonAsync();
        Assert.Equal("weekly v2", storedReport.GetProperty("title").GetString());
        Assert.Equal("partner", storedReport.GetProperty("audience").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, storedReport.GetProperty("fileKey").ValueKind);
    }

    [Fact]
    public async Task Lists_page_by_id()
    {
        var lead = await Server.TokenAsync(DevClients.Client("beta", "lead"));
        var caseId = Ids.New("paged-case");
        using var created = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{caseId}}","name":"paged"}""");
        var taskIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var taskId = $"{caseId}-task-{i}";
            using var task = await Server.SendAsync(HttpMethod.Post, $"/cases/{caseId}/tasks", lead, $$"""{"id":"{{taskId}}","title":"t{{i}}"}""");
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
            taskIds.Add(taskId);
        }

        var read = new List<string>();
        string? cursor = null;
        do
        {
            var path = $"/cases/{caseId}/tasks?limit=2" + (cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}");
            using var page = await Server.SendAsync(HttpMethod.Get, path, lead);
            var json = await page.JsonAsync();
            read.AddRange(json.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            cursor = json.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(taskIds, read);
    }

    [Fact]
    public async Task Task_is_found_only_under_its_case()
    {
        var lead = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var first = Ids.New("case-a");
        var second = Ids.New("case-b");
        var taskId = Ids.New("task");
        using var createFirst = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{first}}","name":"a"}""");
        using var createSecond = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{second}}","name":"b"}""");
        using var task = await Server.SendAsync(HttpMethod.Post, $"/cases/{first}/tasks", lead, $$"""{"id":"{{taskId}}","title":"t"}""");

        using var wrongCase = await Server.SendAsync(HttpMethod.Get, $"/cases/{second}/tasks/{taskId}", lead);
        using var wrongCaseUpdate = await Server.SendAsync(HttpMethod.Put, $"/cases/{second}/tasks/{taskId}", lead, """{"title":"moved","status":"open"}""");
        using var duplicate = await Server.SendAsync(HttpMethod.Post, $"/cases/{second}/tasks", lead, $$"""{"id":"{{taskId}}","title":"again"}""");

        await Problem.AssertAsync(wrongCase, HttpStatusCode.NotFound, "cases.task_not_found");
        await Problem.AssertAsync(wrongCaseUpdate, HttpStatusCode.NotFound, "cases.task_not_found");
        await Problem.AssertAsync(duplicate, HttpStatusCode.Conflict, "cases.task_exists");
    }

    [Fact]
    public async Task Duplicate_case_id_conflicts()
    {
        var lead = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var caseId = Ids.New("dup-case");

        using var first = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{caseId}}","name":"first"}""");
        using var second = await Server.SendAsync(HttpMethod.Post, "/cases", lead, $$"""{"id":"{{caseId}}","name":"second"}""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Problem.AssertAsync(second, HttpStatusCode.Conflict, "cases.case_exists");
    }
}
