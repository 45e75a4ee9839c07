using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;

namespace IntelGraph.Ledger.Tests.Manifests;

public sealed class SigningPipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelled_add_waits_for_running_seal()
    {
        var saved = new List<SealedManifest>();
        using var release = new ManualResetEventSlim();
        var firstFinished = false;
        var pipeline = new SigningPipeline((manifest, _) =>
        {
            saved.Add(manifest);
            return Task.CompletedTask;
        });

        await pipeline.AddAsync(
            () =>
            {
                release.Wait(TimeSpan.FromSeconds(10));
                firstFinished = true;
                return Manifest("mf-first");
            },
            Token);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.AddAsync(() => Manifest("mf-second"), cancelled.Token));

        // Disposal must wait for the seal that is still running, because the caller disposes the signing key next.
        var disposing = pipeline.DisposeAsync().AsTask();
        await Task.Delay(50, Token);
        Assert.False(disposing.IsCompleted);

        release.Set();
        await disposing;
        Assert.True(firstFinished);
        Assert.Empty(saved);
    }

    [Fact]
    public async Task Flush_saves_in_order()
    {
        var saved = new List<string>();
        await using var pipeline = new SigningPipeline((manifest, _) =>
        {
            saved.Add(manifest.Id);
            return Task.CompletedTask;
        });

        var ids = Enumerable.Range(0, SigningPipeline.MaxInFlight * 3).Select(i => $"mf-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await pipeline.AddAsync(() => Manifest(id), Token);
        }

        await pipeline.FlushAsync(Token);

        Assert.Equal(ids, saved);
    }

    private static SealedManifest Manifest(string id) =>
        new(id, TenantId.Parse("alpha"), new string('0', 64), "2026-12-05T07:00:00.000Z", "kid", "header..signature", []);
}
