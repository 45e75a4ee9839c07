using System.Net;
using System.Text;
using System.Text.Json;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Manifests;

namespace IntelGraph.Server.Tests;

public sealed class LedgerEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Appended_claim_reads_back_byte_for_byte()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var id = Ids.New("verbatim");
        var body = $$"""{ "id": "{{id}}",  "n": 1.0E2, "text": "caf\u00e9 \ud83d\ude00", "z": [ 1, 2 ] }""";

        using var append = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, "  " + body + "\n");
        using var read = await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{id}", token);

        Assert.Equal(HttpStatusCode.Created, append.StatusCode);
        Assert.Equal($"/ledger/claims/{id}", append.Headers.Location?.OriginalString);
        var appended = await append.JsonAsync();
        Assert.Equal(ClaimDigest.Compute(Encoding.UTF8.GetBytes(body)), appended.GetProperty("digest").GetString());
        Assert.True(appended.GetProperty("appended").GetBoolean());

        // The claim is embedded as sent, without its surrounding white space, inside the response.
        var text = await read.TextAsync();
        Assert.Contains($"\"claim\":{body}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_hash_is_accepted()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var id = Ids.New("hashed");
        var withoutHash = $$"""{"id":"{{id}}","text":"x"}""";
        var digest = ClaimDigest.Compute(Encoding.UTF8.GetBytes(withoutHash));

        using var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","text":"x","hash":"{{digest}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(digest, (await response.JsonAsync()).GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Mismatched_hash_is_rejected_naming_hash()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var id = Ids.New("badhash");
        var wrong = "sha256:" + new string('0', 64);

        using var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","hash":"{{wrong}}"}""");
        using var read = await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{id}", token);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "ledger.claim_hash_mismatch");
        Problem.AssertNamesField(problem, "hash");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Same_claim_again_is_idempotent()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var body = $$"""{"id":"{{Ids.New("again")}}","v":1}""";

        using var first = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, body);
        using var second = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False((await second.JsonAsync()).GetProperty("appended").GetBoolean());
    }

    [Fact]
    public async Task Different_claim_with_same_id_conflicts()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var id = Ids.New("conflict");

        using var first = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","v":1}""");
        using var second = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","v":2}""");
        using var read = await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{id}", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Problem.AssertAsync(second, HttpStatusCode.Conflict, "ledger.claim_conflict");
        Assert.Contains("\"v\":1", await read.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_append_order_without_gaps()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("beta"));
        var appended = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var id = Ids.New($"page{i}");
            using var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            appended.Add(id);
        }

        var read = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = cursor is null ? "/ledger/claims?limit=3" : $"/ledger/claims?limit=3&after={cursor}";
            using var response = await Server.SendAsync(HttpMethod.Get, path, token);
            var page = await response.JsonAsync();
            read.AddRange(page.GetProperty("claims").EnumerateArray().Select(claim => claim.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 1000);

        // Other tests append to beta's ledger too, so check that this test's claims come in order and complete.
        var mine = read.Where(appended.Contains).ToList();
        Assert.Equal(appended, mine);
        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Last_cursor_reads_only_newer_claims()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("beta"));
        var first = Ids.New("before");
        using (var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{first}}"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var (before, cursor) = await ReadToEndAsync(token, after: null);
        Assert.Contains(first, before);
        Assert.NotNull(cursor);

        var second = Ids.New("after");
        using (var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{second}}"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Other tests append to beta's ledger too, so only this test's two claims are checked.
        var (after, _) = await ReadToEndAsync(token, cursor);
        Assert.Contains(second, after);
        Assert.DoesNotContain(first, after);

        using var beyond = await Server.SendAsync(HttpMethod.Get, "/ledger/claims?after=999999999999", token);
        var empty = await beyond.JsonAsync();
        Assert.Empty(empty.GetProperty("claims").EnumerateArray());
        Assert.Equal("999999999999", empty.GetProperty("lastCursor").GetString());
    }

    /// <summary>Pages from <paramref name="after"/> to the last page and returns the ids read and the last page's lastCursor.</summary>
    private async Task<(List<string> Ids, string? LastCursor)> ReadToEndAsync(string token, string? after)
    {
        var ids = new List<string>();
        var cursor = after;
        while (true)
        {
            using var response = await Server.SendAsync(HttpMethod.Get, "/ledger/claims?limit=1000" + (cursor is null ? string.Empty : "&after=" + cursor), token);
            var page = await response.JsonAsync();
            ids.AddRange(page.GetProperty("claims").EnumerateArray().Select(claim => claim.GetProperty("id").GetString()!));
            cursor = page.GetProperty("lastCursor").GetString();
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                return (ids, cursor);
            }
        }
    }

    [Fact]
    public async Task Sealed_manifest_export_verifies_offline()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Ids.New("sealme");
            using var append = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","i":{{i}}}""");
            Assert.Equal(HttpStatusCode.Created, append.StatusCode);
            ids.Add(id);
        }

        using var seal = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, JsonSerializer.Serialize(new { claimIds = ids }));
        var manifest = await seal.JsonAsync();
        var manifestId = manifest.GetProperty("manifestId").GetString()!;
        using var export = await Server.SendAsync(HttpMethod.Get, $"/ledger/manifests/{manifestId}/export", token);
        using var jwks = await Server.SendAsync(HttpMethod.Get, "/.well-known/jwks.json?tenant=alpha");

        Assert.Equal(HttpStatusCode.Created, seal.StatusCode);
        Assert.Equal(3, manifest.GetProperty("treeSize").GetInt32());
        Assert.Equal(ids, manifest.GetProperty("claims").EnumerateArray().Select(claim => claim.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/jwk-set+json", jwks.Content.Headers.ContentType?.MediaType);

        var exportBytes = await export.BytesAsync();
        var jwksBytes = await jwks.BytesAsync();
        var result = ManifestVerifier.Verify(exportBytes, jwksBytes);
        Assert.True(result.IsValid, string.Join("; ", result.Failures.Select(failure => failure.Message)));
        Assert.Equal(manifestId, result.ManifestId);
    }

    [Fact]
    public async Task Repeated_export_is_identical_and_tenant_scoped()
    {
        var alpha = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var beta = await Server.TokenAsync(DevClients.Client("beta", "lead"));
        var id = Ids.New("cached");
        using var append = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", alpha, $$"""{"id":"{{id}}"}""");
        using var seal = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", alpha, JsonSerializer.Serialize(new { claimIds = new[] { id } }));
        var manifestId = (await seal.JsonAsync()).GetProperty("manifestId").GetString()!;

        using var first = await Server.SendAsync(HttpMethod.Get, $"/ledger/manifests/{manifestId}/export", alpha);
        using var second = await Server.SendAsync(HttpMethod.Get, $"/ledger/manifests/{manifestId}/export", alpha);
        using var otherTenant = await Server.SendAsync(HttpMethod.Get, $"/ledger/manifests/{manifestId}/export", beta);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.BytesAsync(), await second.BytesAsync());
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }

    [Fact]
    public async Task Sealing_a_sealed_claim_conflicts_naming_it()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var first = Ids.New("sealed");
        var second = Ids.New("unsealed");
        foreach (var id in new[] { first, second })
        {
            using var append = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}"}""");
            Assert.Equal(HttpStatusCode.Created, append.StatusCode);
        }

        using var seal = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, $$"""{"claimIds":["{{first}}"]}""");
        using var again = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, $$"""{"claimIds":["{{second}}","{{first}}"]}""");
        using var rest = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, $$"""{"claimIds":["{{second}}"]}""");

        Assert.Equal(HttpStatusCode.Created, seal.StatusCode);
        var problem = await Problem.AssertAsync(again, HttpStatusCode.Conflict, "ledger.claim_already_sealed");
        Problem.AssertNamesField(problem, "claimIds[1]");
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
    }

    [Fact]
    public async Task Sealing_unknown_claim_names_its_index()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var known = Ids.New("known");
        using var append = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{known}}"}""");

        using var seal = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, $$"""{"claimIds":["{{known}}","{{Ids.New("unknown")}}"]}""");

        var problem = await Problem.AssertAsync(seal, HttpStatusCode.UnprocessableEntity, "ledger.claim_not_found");
        Problem.AssertNamesField(problem, "claimIds[1]");
        await using var stores = await Server.OpenStoresAsync(Token);
        Assert.Contains(known, await stores.Manifests.FindUnsealedAsync(IntelGraph.Core.TenantId.Parse("alpha"), [known], Token));
    }

    [Fact]
    public async Task Seal_request_checks_its_ids()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var tooMany = JsonSerializer.Serialize(new { claimIds = Enumerable.Range(0, 1001).Select(i => $"c{i}") });

        using var empty = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, """{"claimIds":[]}""");
        using var repeated = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, """{"claimIds":["a","b","a"]}""");
        using var blank = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, """{"claimIds":["a",""]}""");
        using var many = await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, tooMany);

        Problem.AssertNamesField(await Problem.AssertAsync(empty, HttpStatusCode.BadRequest, "request.invalid_field"), "claimIds");
        Problem.AssertNamesField(await Problem.AssertAsync(repeated, HttpStatusCode.BadRequest, "request.invalid_field"), "claimIds[2]");
        Problem.AssertNamesField(await Problem.AssertAsync(blank, HttpStatusCode.BadRequest, "request.invalid_field"), "claimIds[1]");
        Problem.AssertNamesField(await Problem.AssertAsync(many, HttpStatusCode.BadRequest, "request.invalid_field"), "claimIds");
    }

    [Fact]
    public async Task Jwks_needs_a_valid_tenant()
    {
        using var missing = await Server.SendAsync(HttpMethod.Get, "/.well-known/jwks.json");
        using var invalid = await Server.SendAsync(HttpMethod.Get, "/.well-known/jwks.json?tenant=..%2Fetc");
        using var unknown = await Server.SendAsync(HttpMethod.Get, $"/.well-known/jwks.json?tenant={DevClients.UntouchedTenant}");

        Problem.AssertNamesField(await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "request.invalid_field"), "tenant");
        Problem.AssertNamesField(await Problem.AssertAsync(invalid, HttpStatusCode.BadRequest, "request.invalid_field"), "tenant");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "keys.tenant_key_not_found");
    }
}
