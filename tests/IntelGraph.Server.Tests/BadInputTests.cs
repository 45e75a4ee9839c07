using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IntelGraph.Server.Tests;

/// <summary>Malformed, mistyped, oversized and hostile requests: always a 4xx problem naming the field, never a 500.</summary>
public sealed class BadInputTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    public static TheoryData<string, string> MalformedBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in EndpointCatalog.All().Where(endpoint => endpoint.Body is not null))
        {
            foreach (var body in new[] { """{"name":""", "[1,2,3]", "\"text\"", "{\"a\":1}{", "{'single':'quotes'}" })
            {
                data.Add($"{endpoint.Method} {endpoint.Path}", body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_a_400_problem(string request, string body)
    {
        var (method, path) = Split(request);
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(method, path, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.TryGetProperty("code", out _), $"{request} answered without a code: {problem}");
        Problem.AssertNoInternals(problem.ToString());
    }

    [Theory]
    [InlineData("/cases", """{"name":"x","unexpected":1}""", "unexpected")]
    [InlineData("/cases", """{"name":42}""", "name")]
    [InlineData("/cases", """{"name":"x","name":"y"}""", "name")]
    [InlineData("/budget/init", """{"tenant":"alpha","ms":"2500","rows":1}""", "ms")]
    [InlineData("/ledger/manifests", """{"claimIds":"c1"}""", "claimIds")]
    [InlineData("/ledger/manifests", """{"claimIds":[1]}""", "claimIds[0]")]
    public async Task Wrong_type_names_the_field(string path, string body, string field)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Post, path, token, body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.malformed_json");
        Problem.AssertNamesField(problem, field);
    }

    [Theory]
    [InlineData("/cases", "{}", "name")]
    [InlineData("/cases", """{"name":"x","status":"archived"}""", "status")]
    [InlineData("/ledger/manifests", "{}", "claimIds")]
    [InlineData("/ledger/claims", """{"text":"no id"}""", "id")]
    [InlineData("/ledger/claims", """{"id":17}""", "id")]
    [InlineData("/ledger/claims", """{"id":""}""", "id")]
    [InlineData("/ledger/claims", """{"id":"tab\there"}""", "id")]
    [InlineData("/ledger/claims", """{"id":" padded "}""", "id")]
    [InlineData("/ledger/claims", """{"id":"lone \ud800 surrogate"}""", "id")]
    [InlineData("/ledger/claims", """{"id":"x","hash":"\udc00"}""", "hash")]
    [InlineData("/ledger/claims", """{"id":"a/b"}""", "id")]
    [InlineData("/cases", """{"id":"a\\b","name":"n"}""", "id")]
    [InlineData("/cases", """{"name":"lone \udc00 surrogate"}""", "name")]
    [InlineData("/ledger/claims", """{"id":"x","hash":5}""", "hash")]
    [InlineData("/ledger/claims", """{"id":"x","hash":"md5:abc"}""", "hash")]
    [InlineData("/ledger/claims", """{"id":"x","big":1e400}""", "claim")]
    [InlineData("/ledger/claims", """{"id":"x","id":"y"}""", "claim")]
    public async Task Missing_or_invalid_field_is_named(string path, string body, string field)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Post, path, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Problem.AssertNamesField(problem, field);
        Problem.AssertNoInternals(problem.ToString());
    }

    [Fact]
    public async Task Overlong_id_is_rejected()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var id = new string('x', 10_000);

        using var claim = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}"}""");
        using var caseResponse = await Server.SendAsync(HttpMethod.Post, "/cases", token, $$"""{"id":"{{id}}","name":"n"}""");

        Problem.AssertNamesField(await Problem.AssertAsync(claim, HttpStatusCode.BadRequest, "ledger.invalid_claim"), "id");
        Problem.AssertNamesField(await Problem.AssertAsync(caseResponse, HttpStatusCode.BadRequest, "request.invalid_field"), "id");
    }

    [Theory]
    [InlineData("'; DROP TABLE cases; --")]
    [InlineData("..\u2215..\u2215etc\u2215passwd")]
    [InlineData("<script>alert(1)<\u2215script>")]
    [InlineData("\u202Egnp.exe")]
    [InlineData("%00%ff")]
    public async Task Hostile_strings_are_stored_as_plain_text(string hostile)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var id = hostile + Guid.NewGuid().ToString("N");
        var body = System.Text.Json.JsonSerializer.Serialize(new { id, name = hostile, owner = hostile });

        using var created = await Server.SendAsync(HttpMethod.Post, "/cases", token, body);
        using var read = await Server.SendAsync(HttpMethod.Get, $"/cases/{Uri.EscapeDataString(id)}", token);
        using var search = await Server.SendAsync(HttpMethod.Get, $"/graph/entities?label={Uri.EscapeDataString(hostile)}", token);
        using var unknown = await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{Uri.EscapeDataString(hostile)}", token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await read.JsonAsync();
        Assert.Equal(id, stored.GetProperty("id").GetString());
        Assert.Equal(hostile, stored.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "ledger.claim_not_found");
    }

    [Theory]
    [InlineData("/ledger/claims?limit=abc", "limit")]
    [InlineData("/ledger/claims?limit=0", "limit")]
    [InlineData("/ledger/claims?limit=1001", "limit")]
    [InlineData("/ledger/claims?after=-1", "after")]
    [InlineData("/ledger/claims?after=99999999999999999999999", "after")]
    [InlineData("/cases?limit=-5", "limit")]
    [InlineData("/cases?after=%09", "after")]
    [InlineData("/graph/entities", "label")]
    [InlineData("/graph/entities?label=", "label")]
    public async Task Bad_query_parameter_is_named(string path, string field)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Get, path, token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.invalid_field");
        Problem.AssertNamesField(problem, field);
    }

    [Theory]
    [InlineData("/ledger/claims/no-such-claim", "ledger.claim_not_found")]
    [InlineData("/ledger/manifests/mf-none/export", "ledger.manifest_not_found")]
    [InlineData("/cases/no-such-case", "cases.case_not_found")]
    [InlineData("/cases/no-such-case/tasks", "cases.case_not_found")]
    [InlineData("/cases/no-such-case/tasks/no-such-task", "cases.task_not_found")]
    [InlineData("/cases/no-such-case/reports/no-such-report", "cases.report_not_found")]
    [InlineData("/graph/entities/no-such-entity", "graph.entity_not_found")]
    [InlineData("/graph/entities/no-such-entity/neighbours", "graph.entity_not_found")]
    [InlineData("/no/such/route", "request.route_not_found")]
    public async Task Unknown_id_is_a_404_problem(string path, string code)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Get, path, token);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var huge = $$"""{"id":"{{Ids.New("huge")}}","padding":"{{new string('x', 2 * 1024 * 1024)}}"}""";

        // A client that sends Expect: 100-continue receives the 413 before it sends the body.
        using var withLength = await SendExpectingContinueAsync("/ledger/claims", token, huge);
        using var typed = await SendExpectingContinueAsync("/cases", token, $$"""{"name":"{{new string('n', 2 * 1024 * 1024)}}"}""");
        using var chunked = await SendChunkedAsync("/ledger/claims", token, huge);

        await Problem.AssertAsync(withLength, HttpStatusCode.RequestEntityTooLarge, "request.body_too_large");
        await Problem.AssertAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "request.body_too_large");
        await Problem.AssertAsync(typed, HttpStatusCode.RequestEntityTooLarge, "request.body_too_large");
    }

    [Fact]
    public async Task Chunked_body_under_limit_is_accepted()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await SendChunkedAsync("/ledger/claims", token, $$"""{"id":"{{Ids.New("chunked")}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/ledger/claims")]
    [InlineData("/cases")]
    [InlineData("/budget/check")]
    public async Task Non_json_content_type_is_a_415_problem(string path)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"id":"x","name":"n"}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Theory]
    [InlineData("/ledger/claims")]
    [InlineData("/cases")]
    [InlineData("/ledger/manifests")]
    public async Task Empty_body_is_a_400_problem(string path)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Post, path, token, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Problem.AssertNoInternals(await response.TextAsync());
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_problem()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var nested = $$"""{"id":"{{Ids.New("deep")}}","x":{{new string('[', 5000)}}{{new string(']', 5000)}}}""";

        using var claim = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, nested);
        using var caseResponse = await Server.SendAsync(HttpMethod.Post, "/cases", token, $$"""{"name":{{new string('[', 5000)}}{{new string(']', 5000)}}}""");

        await Problem.AssertAsync(claim, HttpStatusCode.BadRequest, "request.malformed_json");
        await Problem.AssertAsync(caseResponse, HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Theory]
    [InlineData("/graph/query", """{"cypher":"RETURN $p AS v","params":{"p":"\ud800"}}""", "request.invalid_field", "params")]
    [InlineData("/graph/query", """{"cypher":"RETURN $p AS v","params":{"p":["x","\udc00"]}}""", "request.invalid_field", "params")]
    [InlineData("/graph/nl/execute", """{"cypher":"RETURN 1","parameters":{"entity":"\ud800"}}""", "graph.query_not_previewed", "parameters")]
    [InlineData("/ledger/claims", """{"id":"surrogate-member","\ud800":1}""", "ledger.invalid_claim", "claim")]
    public async Task Unpaired_surrogate_is_a_400_problem(string path, string body, string code, string field)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Post, path, token, body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Problem.AssertNamesField(problem, field);
        Assert.Contains("surrogate", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cypher":"RETURN $p AS v","params":{"p":1e400}}""")]
    [InlineData("""{"cypher":"RETURN $p AS v","params":{"p":[1,-1e400]}}""")]
    public async Task Number_beyond_float_range_is_a_400_problem(string body)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/query", token, body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.invalid_field");
        Problem.AssertNamesField(problem, "params");
        Assert.Contains("64-bit float", problem.GetProperty("errors").GetProperty("params")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_logged_no_unhandled_error()
    {
        // Runs alongside the other tests; any request that reached the catch-all handler was logged with event 2040.
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        using var response = await Server.SendAsync(HttpMethod.Post, "/cases", token, "{\"name\":\"\\u0000\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Server.Logs.Lines, line => line.Contains("[2040]", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendExpectingContinueAsync(string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> SendChunkedAsync(string path, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static (HttpMethod Method, string Path) Split(string request)
    {
        var space = request.IndexOf(' ', StringComparison.Ordinal);
        return (new HttpMethod(request[..space]), request[(space + 1)..]);
    }
}
