using System.Diagnostics;
using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Storage.Sqlite.Tests;

/// <summary>A connection readied for a bulk import: committed pages reach the database file without the writer's help.</summary>
public sealed class BulkImportTests
{
    private const int ClaimCount = 2000;

    private static readonly TenantId Tenant = TenantId.Parse("pilot");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_checkpoints_in_background()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("store.db");
        await using (var stores = await SqliteStores.OpenAsync(path, TimeProvider.System, Token))
        {
            await stores.Migration.PrepareBulkImportAsync(Token);
            await stores.Migration.PrepareBulkImportAsync(Token);
            var emptyLength = new FileInfo(path).Length;

            await using (var transaction = await stores.BeginTransactionAsync(Token))
            {
                await stores.Ledger.TryAppendManyAsync(Tenant, NewClaims(), Token);
                await transaction.CommitAsync(Token);
            }

            // Automatic checkpoints are off on this connection, so only the background checkpoint can grow the file
            // while the connection stays open. The claims add about 2 MB.
            Assert.True(await GrowsPastAsync(path, emptyLength + 1_000_000), $"The database file stayed at {new FileInfo(path).Length} bytes.");
        }

        await using var reopened = await SqliteStores.OpenAsync(path, TimeProvider.System, Token);
        Assert.Equal(ClaimCount, await reopened.Ledger.CountAsync(Tenant, Token));
    }

    [Fact]
    public async Task Large_log_makes_commit_wait()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("store.db");
        await using var stores = await SqliteStores.OpenAsync(path, TimeProvider.System, Token);
        await stores.Migration.PrepareBulkImportAsync(Token);
        stores.Database.BulkImportLogFrameLimit = 0;

        await CommitClaimsAsync(stores, NewClaims(0, ClaimCount / 2));
        Assert.True(await GrowsPastAsync(path, 1_000_000), "The first commit's pages never reached the database file.");
        var firstLength = new FileInfo(path).Length;

        // The first checkpoint saw a log over the limit, so this commit returns only once its own pages are copied.
        await CommitClaimsAsync(stores, NewClaims(ClaimCount / 2, ClaimCount / 2));

        Assert.True(new FileInfo(path).Length > firstLength + 500_000, $"The database file stayed at {new FileInfo(path).Length} bytes after the second commit.");
    }

    private static async Task CommitClaimsAsync(SqliteStores stores, List<PendingClaim> claims)
    {
        await using var transaction = await stores.BeginTransactionAsync(Token);
        await stores.Ledger.TryAppendManyAsync(Tenant, claims, Token);
        await transaction.CommitAsync(Token);
    }

    private static List<PendingClaim> NewClaims() => NewClaims(0, ClaimCount);

    private static List<PendingClaim> NewClaims(int first, int count) =>
        Enumerable.Range(first, count)
            .Select(i =>
            {
                var body = $$"""{"id":"c{{i}}","edgeId":"e{{i}}","statement":"{{new string('x', 900)}}"}""";
                return new PendingClaim(new Claim($"c{i}", "sha256:" + new string('0', 64), Encoding.UTF8.GetBytes(body)), new SourceLocation("claims.json", i + 1));
            })
            .ToList();

    private static async Task<bool> GrowsPastAsync(string path, long length)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (new FileInfo(path).Length > length)
            {
                return true;
            }

            await Task.Delay(50, Token);
        }

        return false;
    }
}
