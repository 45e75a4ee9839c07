using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Testing;

namespace IntelGraph.Server.Tests;

/// <summary>
/// Two <c>intelgraph serve</c> processes over one store, as a scaled-out deployment runs them. Claims are appended
/// through both at once, and the same claims are sealed through both at once: every claim must be stored once,
/// sealed at most once, and listed once by the paged ledger read, whichever server handled it.
/// </summary>
public sealed class TwoServersTests
{
    private const int AppendersPerServer = 3;
    private const int ClaimsPerAppender = 40;
    private const int SealBatch = 4;

    private static readonly TenantId Pilot = TenantId.Parse("pilot");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_servers_append_and_seal_consistently()
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-two-servers", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var clients = Path.Combine(folder, "dev-clients.json");
        await File.WriteAllTextAsync(
            clients,
            """{"clients":[{"clientId":"intelgraph-api","secret":{"env":"INTELGRAPH_API_SECRET"},"tenant":"pilot","roles":["admin","lead","analyst"],"groups":["internal"]}]}""",
            Token);
        var store = await TestStores.CreateAsync(Path.Combine(folder, "data"));

        // The second server starts once the first is up, so the first alone creates the schema and the issuer key they share.
        var servers = new List<(Process Process, HttpClient Http)>();
        var logs = new ConcurrentQueue<string>();
        try
        {
            foreach (var _ in new[] { "first", "second" })
            {
                var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
                var process = ServeProcess.Start(baseUrl, store.Value, clients, secret, logs);
                var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
                servers.Add((process, http));
                await ServeProcess.WaitUntilHealthyAsync(http, process, Token);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await MintTokenAsync(http, secret));
            }

            var appended = new ConcurrentQueue<string>();
            var appendFailures = new ConcurrentQueue<string>();
            var seals = new ConcurrentQueue<(string[] ClaimIds, HttpStatusCode First, HttpStatusCode Second)>();
            var appending = Enumerable.Range(0, AppendersPerServer * 2).Select(worker => Task.Run(async () =>
            {
                var http = servers[worker % 2].Http;
                for (var i = 0; i < ClaimsPerAppender; i++)
                {
                    var id = Ids.New("two-servers");
                    using var response = await http.PostAsync("/ledger/claims", Json($$"""{"id":"{{id}}","worker":{{worker}},"n":{{i}}}"""), Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        appended.Enqueue(id);
                    }
                    else
                    {
                        appendFailures.Enqueue($"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
                    }
                }
            }, Token)).ToList();

            // While claims arrive, the same batch is sealed through both servers at the same moment.
            var sealing = Task.Run(async () =>
            {
                var pending = new List<string>();
                while (!appending.All(task => task.IsCompleted) || !appended.IsEmpty)
                {
                    while (pending.Count < SealBatch && appended.TryDequeue(out var id))
                    {
                        pending.Add(id);
                    }

                    if (pending.Count < SealBatch)
                    {
                        await Task.Delay(10, Token);
                        continue;
                    }

                    var body = JsonSerializer.Serialize(new { claimIds = pending });
                    var first = servers[0].Http.PostAsync("/ledger/manifests", Json(body), Token);
                    var second = servers[1].Http.PostAsync("/ledger/manifests", Json(body), Token);
                    using var firstResponse = await first;
                    using var secondResponse = await second;
                    seals.Enqueue(([.. pending], firstResponse.StatusCode, secondResponse.StatusCode));
                    pending.Clear();
                }
            }, Token);

            await Task.WhenAll(appending);
            await sealing;

            Assert.Empty(appendFailures);
            Assert.NotEmpty(seals);
            Assert.All(seals, seal => Assert.True(
                (seal.First == HttpStatusCode.Created) != (seal.Second == HttpStatusCode.Created)
                    && seal.First is HttpStatusCode.Created or HttpStatusCode.Conflict
                    && seal.Second is HttpStatusCode.Created or HttpStatusCode.Conflict,
                $"Sealing [{string.Join(", ", seal.ClaimIds)}] returned {(int)seal.First} and {(int)seal.Second}, but exactly one server must seal them. "
                + $"Server errors: {string.Join(Environment.NewLine, logs.Where(line => line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("exception", StringComparison.OrdinalIgnoreCase)).Take(40))}"));

            await AssertLedgerReadsEveryClaimOnceAsync(servers[1].Http, AppendersPerServer * 2 * ClaimsPerAppender);
            await AssertEachClaimSealedOnceAsync(store, seals.SelectMany(seal => seal.ClaimIds).ToList());
        }
        finally
        {
            foreach (var (process, http) in servers)
            {
                http.Dispose();
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                process.Dispose();
            }

            await TestStores.DropAsync(store);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Pages through the ledger as the next migration would and finds every appended claim exactly once, in sequence order.</summary>
    private static async Task AssertLedgerReadsEveryClaimOnceAsync(HttpClient http, int expected)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            using var response = await http.GetAsync("/ledger/claims?limit=37" + (cursor is null ? string.Empty : "&after=" + cursor), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            foreach (var claim in page.RootElement.GetProperty("claims").EnumerateArray())
            {
                Assert.True(seen.Add(claim.GetProperty("id").GetString()!), "The paged ledger read listed a claim twice.");
            }

            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Count);
    }

    private static async Task AssertEachClaimSealedOnceAsync(IntelGraph.Storage.StoreLocation store, List<string> sealedClaims)
    {
        await using var stores = await IntelGraph.Storage.StoreOpener.OpenSessionAsync(store, TimeProvider.System, Token);
        var leaves = new List<string>();
        foreach (var summary in await stores.Manifests.ListAsync(Pilot, Token))
        {
            var manifest = await stores.Manifests.FindAsync(Pilot, summary.Id, Token);
            Assert.NotNull(manifest);
            Assert.Equal(summary.TreeSize, manifest.Leaves.Count);
            leaves.AddRange(manifest.Leaves.Select(leaf => leaf.ClaimId));
        }

        Assert.Equal(leaves.Count, leaves.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(sealedClaims.Order(StringComparer.Ordinal), leaves.Order(StringComparer.Ordinal));
    }

    private static async Task<string> MintTokenAsync(HttpClient http, string secret)
    {
        using var response = await http.PostAsync(
            "/auth/realms/intelgraph/protocol/openid-connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "intelgraph-api",
                ["client_secret"] = secret,
            }),
            Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
