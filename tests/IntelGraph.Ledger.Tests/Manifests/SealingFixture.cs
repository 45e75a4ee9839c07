using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Ledger.Tests.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Ledger.Tests.Manifests;

/// <summary>A sealer wired to in-memory stores, with claims c-0000, c-0001, … already in the ledger.</summary>
internal sealed class SealingFixture
{
    public static readonly TenantId Tenant = TenantId.Parse("pilot-ics");

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 14, 30, 15, 123, TimeSpan.FromHours(2));

    public SealingFixture(int claimCount)
    {
        for (var i = 0; i < claimCount; i++)
        {
            Ledger.Add(Tenant, CreateClaim(ClaimId(i), i));
        }

        SigningKeys = new TenantSigningKeys(KeyStore, new FixedTimeProvider(Now), NullLogger<TenantSigningKeys>.Instance);
        Sealer = new ManifestSealer(Ledger, Manifests, SigningKeys, new FixedTimeProvider(Now), NullLogger<ManifestSealer>.Instance);
    }

    public InMemoryLedgerStore Ledger { get; } = new();

    public InMemoryManifestStore Manifests { get; } = new();

    public InMemoryTenantKeyStore KeyStore { get; } = new();

    public TenantSigningKeys SigningKeys { get; }

    public ManifestSealer Sealer { get; }

    public static string ClaimId(int index) => $"c-{index:D4}";

    public static List<string> ClaimIds(int start, int count) => [.. Enumerable.Range(start, count).Select(ClaimId)];

    public static Claim CreateClaim(string id, int number)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"type\":\"uses\",\"confidence\":{number % 100},\"note\":\"claim {number}\"}}");
        return new Claim(id, ClaimDigest.Compute(body), body);
    }

    /// <summary>Seals the first <paramref name="claimCount"/> claims into one manifest and returns its export file and JWK Set file.</summary>
    public async Task<(byte[] Export, byte[] JwkSet)> SealAndExportAsync(int claimCount)
    {
        var manifests = await Sealer.SealAsync(Tenant, ClaimIds(0, claimCount), cancellationToken: TestContext.Current.CancellationToken);
        var manifest = Assert.Single(manifests);
        var export = ManifestExportDocument.FromManifest(manifest).ToJsonBytes();
        var keySet = await SigningKeys.ExportPublicKeysAsync(Tenant, TestContext.Current.CancellationToken);
        return (export, keySet.ToJsonBytes());
    }
}
