using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Server.Tests;

/// <summary>
/// The write freeze store on its own, on SQLite by default and on PostgreSQL under
/// <c>scripts/with-postgres.sh</c>: the exempt clients it stores and the start time it keeps.
/// </summary>
public sealed class WriteFreezeStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset _firstFreeze = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly SteppedClock _clock = new(_firstFreeze);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-freeze-store-tests", Guid.NewGuid().ToString("N"));
    private StoreLocation? _location;

    private StoreLocation Location => _location!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _location = await TestStores.CreateAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await TestStores.DropAsync(Location);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Refreeze_replaces_clients_keeps_start()
    {
        await using var stores = await StoreOpener.OpenSessionAsync(Location, _clock, Token);

        var first = await stores.WriteFreeze.FreezeAsync("first", ["cutover-tool", "smoke-gate"], Token);
        _clock.Now = _firstFreeze.AddMinutes(5);
        var second = await stores.WriteFreeze.FreezeAsync("second", ["intelgraph-api"], Token);

        Assert.Equal(_firstFreeze, first.FrozenAt);
        Assert.Equal(["cutover-tool", "smoke-gate"], first.ExemptClients);
        Assert.Equal(_firstFreeze, second.FrozenAt);
        Assert.Equal("second", second.Banner);
        Assert.Equal(["intelgraph-api"], second.ExemptClients);

        // Another session, as the server or a second CLI process opens, reads what the first stored.
        await using var other = await StoreOpener.OpenSessionAsync(Location, _clock, Token);
        var read = await other.WriteFreeze.FindAsync(Token);
        Assert.NotNull(read);
        Assert.Equal(_firstFreeze, read.FrozenAt);
        Assert.Equal(["intelgraph-api"], read.ExemptClients);
        Assert.True(read.Exempts("intelgraph-api"));
        Assert.False(read.Exempts("INTELGRAPH-API"));
        Assert.False(read.Exempts(null));
    }

    [Fact]
    public async Task Refreeze_without_clients_clears_them()
    {
        await using var stores = await StoreOpener.OpenSessionAsync(Location, _clock, Token);

        await stores.WriteFreeze.FreezeAsync("first", ["cutover-tool"], Token);
        var cleared = await stores.WriteFreeze.FreezeAsync("first", [], Token);
        var read = await stores.WriteFreeze.FindAsync(Token);

        Assert.Empty(cleared.ExemptClients);
        Assert.NotNull(read);
        Assert.Empty(read.ExemptClients);
        Assert.False(read.Exempts("cutover-tool"));
    }

    [Fact]
    public async Task Unfreeze_returns_clients_and_next_freeze_restarts()
    {
        await using var stores = await StoreOpener.OpenSessionAsync(Location, _clock, Token);

        await stores.WriteFreeze.FreezeAsync("first", ["cutover-tool"], Token);
        var ended = await stores.WriteFreeze.UnfreezeAsync(Token);
        var afterUnfreeze = await stores.WriteFreeze.FindAsync(Token);
        _clock.Now = _firstFreeze.AddHours(1);
        var next = await stores.WriteFreeze.FreezeAsync("next", [], Token);

        Assert.NotNull(ended);
        Assert.Equal(["cutover-tool"], ended.ExemptClients);
        Assert.Null(afterUnfreeze);
        Assert.Equal(_firstFreeze.AddHours(1), next.FrozenAt);
        Assert.Empty(next.ExemptClients);
    }

    [Fact]
    public async Task Freeze_stored_before_exemptions_exempts_none()
    {
        // Opening the store once applies every schema migration, so the row below is written as an older
        // build wrote it, without the exempt_clients column, and the column's default fills it in.
        await (await StoreOpener.OpenSessionAsync(Location, _clock, Token)).DisposeAsync();
        await TestStores.ExecuteAsync(Location, "INSERT INTO write_freeze (scope, banner, frozen_at) VALUES ('deployment', 'older build', '2026-03-01T08:00:00.0000000+00:00');");

        await using var stores = await StoreOpener.OpenSessionAsync(Location, _clock, Token);
        var read = await stores.WriteFreeze.FindAsync(Token);

        Assert.NotNull(read);
        Assert.Equal("older build", read.Banner);
        Assert.Equal(_firstFreeze, read.FrozenAt);
        Assert.Empty(read.ExemptClients);
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
