using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Server.Tests;

/// <summary>
/// Fires writes from many clients while an admin freezes writes, then checks that each write either
/// committed wholly or left no trace, and that no write started after the freeze succeeded.
/// </summary>
public sealed class ConcurrentFreezeTests
{
    private const int AppendWorkers = 6;
    private const int SealWorkers = 2;
    private const int MaxRequestsPerWorker = 300;
    private const int SuccessesBeforeFreeze = 40;

    private static readonly TenantId Alpha = TenantId.Parse("alpha");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Attempt(string Kind, string Id, HttpStatusCode Status, long StartedAt, long EndedAt);

    [Fact]
    public async Task Writes_across_a_freeze_are_all_or_nothing()
    {
        await using var server = await ServerHost.StartAsync(cancellationToken: Token);
        var token = await server.TokenAsync(DevClients.AllRoles("alpha"));
        var sealable = await AppendClaimsToSealAsync(server, token, count: 60);

        var attempts = new ConcurrentQueue<Attempt>();
        var successes = 0;
        var frozen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        async Task AppendWorkerAsync()
        {
            for (var i = 0; i < MaxRequestsPerWorker; i++)
            {
                var id = Ids.New("race");
                var startedAt = clock.ElapsedTicks;
                using var response = await server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}","worker":{{i}}}""");
                attempts.Enqueue(new Attempt("append", id, response.StatusCode, startedAt, clock.ElapsedTicks));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref successes);
                }
                else if (frozen.Task.IsCompleted)
                {
                    return;
                }
            }
        }

        async Task SealWorkerAsync()
        {
            while (sealable.TryDequeue(out var id))
            {
                var startedAt = clock.ElapsedTicks;
                using var response = await server.SendAsync(HttpMethod.Post, "/ledger/manifests", token, JsonSerializer.Serialize(new { claimIds = new[] { id } }));
                attempts.Enqueue(new Attempt("seal", id, response.StatusCode, startedAt, clock.ElapsedTicks));
                if (response.StatusCode != HttpStatusCode.Created && frozen.Task.IsCompleted)
                {
                    return;
                }
            }
        }

        async Task FreezeAsync()
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (Volatile.Read(ref successes) < SuccessesBeforeFreeze)
            {
                await Task.Delay(5, deadline.Token);
            }

            using var response = await server.SendAsync(HttpMethod.Put, "/admin/freeze", token, """{"banner":"race"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            frozen.SetResult(clock.ElapsedTicks);
        }

        var workers = Enumerable.Range(0, AppendWorkers).Select(_ => Task.Run(AppendWorkerAsync, Token))
            .Concat(Enumerable.Range(0, SealWorkers).Select(_ => Task.Run(SealWorkerAsync, Token)))
            .Append(Task.Run(FreezeAsync, Token));
        await Task.WhenAll(workers);
        var frozenAt = await frozen.Task;

        var all = attempts.ToList();
        Assert.All(all, attempt => Assert.True(
            attempt.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"{attempt.Kind} {attempt.Id} answered {(int)attempt.Status}"));
        Assert.Contains(all, attempt => attempt.Kind == "append" && attempt.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(all.Where(attempt => attempt.StartedAt > frozenAt), attempt => Assert.Equal(HttpStatusCode.ServiceUnavailable, attempt.Status));

        await using var stores = await server.OpenStoresAsync(Token);
        await AssertAppendsAsync(stores, all.Where(attempt => attempt.Kind == "append").ToList());
        await AssertSealsAsync(stores, all.Where(attempt => attempt.Kind == "seal").ToList());
    }

    private static async Task<ConcurrentQueue<string>> AppendClaimsToSealAsync(ServerHost server, string token, int count)
    {
        var ids = new ConcurrentQueue<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Ids.New("to-seal");
            using var response = await server.SendAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{id}}"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Enqueue(id);
        }

        return ids;
    }

    private static async Task AssertAppendsAsync(IntelGraph.Storage.StoreSession stores, List<Attempt> appends)
    {
        var stored = await stores.Ledger.GetClaimsAsync(Alpha, [.. appends.Select(attempt => attempt.Id)], Token);
        foreach (var attempt in appends)
        {
            Assert.True(
                stored.ContainsKey(attempt.Id) == (attempt.Status == HttpStatusCode.Created),
                $"Claim {attempt.Id} answered {(int)attempt.Status} but is {(stored.ContainsKey(attempt.Id) ? "" : "not ")}in the ledger.");
        }
    }

    private static async Task AssertSealsAsync(IntelGraph.Storage.StoreSession stores, List<Attempt> seals)
    {
        var unsealed = await stores.Manifests.FindUnsealedAsync(Alpha, [.. seals.Select(attempt => attempt.Id)], Token);
        foreach (var attempt in seals)
        {
            Assert.True(
                unsealed.Contains(attempt.Id) == (attempt.Status != HttpStatusCode.Created),
                $"Seal of {attempt.Id} answered {(int)attempt.Status} but the claim is {(unsealed.Contains(attempt.Id) ? "un" : "")}sealed.");
        }

        // A manifest and its leaves are written together, so every stored manifest has all its leaves.
        foreach (var summary in await stores.Manifests.ListAsync(Alpha, Token))
        {
            var manifest = await stores.Manifests.FindAsync(Alpha, summary.Id, Token);
            Assert.Equal(summary.TreeSize, manifest!.Leaves.Count);
        }
    }
}
