using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Export;
using IntelGraph.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

// Measures what the store alone costs per claim on the migration's claim path: appending the claims and inserting
// their manifest leaves, on one thread, with the claims already read into memory and nothing digested or signed. The
// claims come from a generated export's claims.json. STORE is an SQLite file or a PostgreSQL connection string for a new,
// empty database. The variant picks which of the claims table's indexes stay in that scratch database, to show each
// one's share. It prints a JSON summary on standard output.
// Usage: StoreBench CLAIMS_JSON STORE full|without-edge-index|unique-id-only
if (args.Length != 3 || args[2] is not ("full" or "without-edge-index" or "unique-id-only"))
{
    Console.Error.WriteLine("usage: StoreBench CLAIMS_JSON STORE full|without-edge-index|unique-id-only");
    return 2;
}

const int Run = 4096;
const int Transaction = 50_000;
const int ManifestSize = 1000;
var tenant = TenantId.Parse("bench");
var variant = args[2];

var claimsFile = Path.GetFullPath(args[0]);
var claims = new List<PendingClaim>();
await foreach (var record in new ClaimsFileReader(new ExportFile(Path.GetDirectoryName(claimsFile)!, Path.GetFileName(claimsFile))).ReadAsync(CancellationToken.None))
{
    if (record.IsParsed)
    {
        claims.Add(new PendingClaim(new Claim(record.Id!, record.Hash!, record.Utf8Json), record.Location));
    }
}

// The first opening creates the schema. Indexes are dropped in this scratch database only: the product's schema
// migrations never drop one.
var location = StoreLocation.Resolve(args[1]);
await (await StoreOpener.OpenSessionAsync(location, TimeProvider.System, CancellationToken.None)).DisposeAsync();
string[] dropped = variant switch
{
    "without-edge-index" => ["claims_tenant_edge"],
    "unique-id-only" => ["claims_tenant_edge", "claims_tenant_origin", "claims_tenant_seq"],
    _ => [],
};
await using (DbConnection connection = location.Kind == StoreKind.Postgres
    ? new NpgsqlConnection(location.Value)
    : new SqliteConnection($"Data Source={location.Value};Pooling=False"))
{
    await connection.OpenAsync();
    foreach (var index in dropped)
    {
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP INDEX {index};";
        await drop.ExecuteNonQueryAsync();
    }
}

await using var stores = await StoreOpener.OpenSessionAsync(location, TimeProvider.System, CancellationToken.None);

await stores.Migration.PrepareBulkImportAsync(CancellationToken.None);

var appending = Stopwatch.StartNew();
for (var start = 0; start < claims.Count; start += Transaction)
{
    await using var transaction = await stores.BeginTransactionAsync(CancellationToken.None);
    for (var run = start; run < Math.Min(start + Transaction, claims.Count); run += Run)
    {
        await stores.Ledger.TryAppendManyAsync(tenant, claims.GetRange(run, Math.Min(Run, claims.Count - run)), CancellationToken.None);
    }

    await transaction.CommitAsync(CancellationToken.None);
}

appending.Stop();

// The leaves carry made-up roots and signatures: the store checks neither, and only the rows are timed.
var sealing = Stopwatch.StartNew();
for (var start = 0; start < claims.Count; start += Transaction)
{
    await using var transaction = await stores.BeginTransactionAsync(CancellationToken.None);
    for (var first = start; first < Math.Min(start + Transaction, claims.Count); first += ManifestSize)
    {
        var leaves = claims.GetRange(first, Math.Min(ManifestSize, claims.Count - first)).Select(c => new ManifestLeaf(c.Claim.Id, c.Claim.Digest)).ToList();
        var manifest = new SealedManifest($"mf-{first:D9}", tenant, new string('0', 64), "2026-01-01T00:00:00Z", "bench-key", "header..signature", leaves);
        await stores.Manifests.SaveAsync(manifest, CancellationToken.None);
    }

    await transaction.CommitAsync(CancellationToken.None);
}

sealing.Stop();

var summary = new
{
    store = location.Kind.ToString(),
    variant,
    claims = claims.Count,
    appendMicrosecondsPerClaim = Math.Round(appending.Elapsed.TotalMicroseconds / claims.Count, 2),
    leafMicrosecondsPerClaim = Math.Round(sealing.Elapsed.TotalMicroseconds / claims.Count, 2),
    storeClaimsPerSecond = Math.Round(claims.Count / (appending.Elapsed + sealing.Elapsed).TotalSeconds),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
return 0;
