using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Storage.Sqlite.Tests;

/// <summary>The bulk claim append's text values, read back through the command layer that every lookup uses.</summary>
public sealed class LedgerAppendTests
{
    private static readonly TenantId Tenant = TenantId.Parse("pilot");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Theory data with a lone surrogate reached the test already mended to U+FFFD, so each id is built here instead.
    [Theory]
    [InlineData("c", 0xD800, "x")]
    [InlineData("c", 0xDC00, "")]
    [InlineData("caf", 0x00E9, "-\U0001F600")]
    public async Task Appended_id_is_found_by_lookup(string prefix, int codeUnit, string suffix)
    {
        var claimId = prefix + (char)codeUnit + suffix;
        using var folder = new TemporaryFolder();
        await using var stores = await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token);
        var digest = "sha256:" + new string('a', 64);
        var claim = new Claim(claimId, digest, Encoding.UTF8.GetBytes("""{"statement":"s"}"""));

        var appended = await stores.Ledger.TryAppendManyAsync(Tenant, [new PendingClaim(claim, new SourceLocation("claims.json", 1))], Token);
        var again = await stores.Ledger.TryAppendManyAsync(Tenant, [new PendingClaim(claim, null)], Token);

        Assert.Equal([true], appended);
        Assert.Equal([false], again);
        Assert.Equal(digest, (await stores.Ledger.FindDigestAsync(Tenant, claimId, Token))?.Value);
    }
}
