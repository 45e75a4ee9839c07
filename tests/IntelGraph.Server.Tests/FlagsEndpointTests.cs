using System.Net;
using System.Text.Json;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rendering;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Server.Tests;

/// <summary>
/// <c>GET /flags</c> on servers with their own flags file: evaluation for the token's claims, reload of a
/// changed file without a restart, the audit log, and a rejected file that leaves the served flags as they were.
/// </summary>
public sealed class FlagsEndpointTests(SharedServer shared) : IDisposable
{
    private const int FileRejectedEvent = 2153;
    private const int FileUnreadableEvent = 2154;
    private const int AuditFailedEvent = 2155;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-flags-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string FlagsFile => Path.Combine(_folder, "unified.yaml");

    private string AuditFile => Path.Combine(_folder, "flags-audit.jsonl");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a failure here would hide the test's own result.
        }
    }

    /// <summary>A prod flags file: XAI for the internal group, federation for tenant alpha, production mode for everyone.</summary>
    private static string ProdFile(string wallets = "false", string changedBy = "alice") => $$"""
        version: 1
        metadata:
          changedBy: {{changedBy}}
        flags:
          enableXAI: { description: XAI }
          enableFederation: { description: Federation }
          enableWallets: { description: Wallets }
          enableOffline: { description: Offline }
          strictOPA: { description: Strict OPA }
          prodMode: { description: Production mode }
        environments:
          prod:
            enableXAI: { enabled: false, groups: [internal] }
            enableFederation: { enabled: false, tenants: [alpha] }
            enableWallets: {{wallets}}
            enableOffline: false
            strictOPA: true
            prodMode: true
          dev:
            enableXAI: true
            enableFederation: true
            enableWallets: true
            enableOffline: true
            strictOPA: false
            prodMode: false
        """;

    private async Task<ServerHost> StartAsync(string flagsYaml, string? environment = "prod", StructuredLogs? logs = null)
    {
        Directory.CreateDirectory(_folder);
        await ReplaceFlagsFileAsync(flagsYaml);
        return await ServerHost.StartAsync(
            settings =>
            {
                settings["IntelGraph:Flags:File"] = FlagsFile;
                settings["IntelGraph:Flags:Environment"] = environment;
                settings["IntelGraph:Flags:AuditFile"] = AuditFile;
                settings["IntelGraph:Flags:ReloadIntervalMilliseconds"] = "100";
            },
            Cancellation,
            builder =>
            {
                if (logs is not null)
                {
                    builder.Logging.AddProvider(logs);
                }
            });
    }

    private static string Token(ServerHost server, string tenant, string subject, params string[] groups)
    {
        var forge = new TokenForge(server);
        var claims = forge.ValidClaims(tenant);
        claims["sub"] = subject;
        claims["groups"] = groups;
        return forge.Sign(claims);
    }

    private static async Task<JsonElement> GetFlagsAsync(ServerHost server, string token)
    {
        using var response = await server.SendAsync(HttpMethod.Get, "/flags", token);
        var body = await response.TextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /flags answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static bool Flag(JsonElement flags, string name) => flags.GetProperty("flags").GetProperty(name).GetBoolean();

    /// <summary>Polls GET /flags until the condition holds, for at most 10 seconds.</summary>
    private static async Task<JsonElement> WaitForFlagsAsync(ServerHost server, string token, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var flags = await GetFlagsAsync(server, token);
            if (condition(flags))
            {
                return flags;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after 10 s waiting for {what}; the last answer was {flags}");
            await Task.Delay(50, Cancellation);
        }
    }

    /// <summary>
    /// Replaces the flags file in one step, as Kubernetes swaps a mounted ConfigMap, so the server's next check never
    /// reads a file that is half written.
    /// </summary>
    private async Task ReplaceFlagsFileAsync(string text)
    {
        var staging = FlagsFile + ".staging";
        await File.WriteAllTextAsync(staging, text, Cancellation);
        File.Move(staging, FlagsFile, overwrite: true);
    }

    private static async Task WaitForLogAsync(StructuredLogs logs, int eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!logs.Events.Any(logEvent => logEvent.EventId == eventId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after 10 s waiting for log event {eventId}.");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task<List<JsonElement>> ReadAuditAsync() =>
        [.. (await File.ReadAllLinesAsync(AuditFile, Cancellation)).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public async Task Flags_follow_token_claims()
    {
        await using var server = await StartAsync(ProdFile());

        var insider = await GetFlagsAsync(server, Token(server, "alpha", "user-1", "internal"));
        var outsider = await GetFlagsAsync(server, Token(server, "beta", "user-2"));
        var keycloakPath = await GetFlagsAsync(server, Token(server, "beta", "user-3", "/internal"));

        Assert.Equal("prod", insider.GetProperty("environment").GetString());
        Assert.Equal("alpha", insider.GetProperty("tenant").GetString());
        Assert.Equal("user-1", insider.GetProperty("subject").GetString());
        Assert.Equal(["internal"], insider.GetProperty("groups").EnumerateArray().Select(group => group.GetString()));
        Assert.StartsWith("sha256:", insider.GetProperty("revision").GetString(), StringComparison.Ordinal);
        Assert.Equal(FlagNames.All, insider.GetProperty("flags").EnumerateObject().Select(flag => flag.Name));
        Assert.True(Flag(insider, FlagNames.EnableXai));
        Assert.True(Flag(insider, FlagNames.EnableFederation));
        Assert.True(Flag(insider, FlagNames.ProdMode));
        Assert.False(Flag(insider, FlagNames.EnableWallets));
        Assert.False(Flag(outsider, FlagNames.EnableXai));
        Assert.False(Flag(outsider, FlagNames.EnableFederation));
        Assert.True(Flag(outsider, FlagNames.StrictOpa));
        Assert.True(Flag(keycloakPath, FlagNames.EnableXai));
    }

    [Fact]
    public async Task Configured_environment_is_served()
    {
        await using var server = await StartAsync(ProdFile(), environment: "dev");

        var flags = await GetFlagsAsync(server, Token(server, "beta", "user-2"));

        Assert.Equal("dev", flags.GetProperty("environment").GetString());
        Assert.True(Flag(flags, FlagNames.EnableFederation));
        Assert.False(Flag(flags, FlagNames.ProdMode));
    }

    [Fact]
    public async Task Changed_file_is_served_without_restart()
    {
        await using var server = await StartAsync(ProdFile());
        var token = Token(server, "beta", "user-2");
        var before = await GetFlagsAsync(server, token);

        await ReplaceFlagsFileAsync(ProdFile(wallets: "true", changedBy: "bob"));
        var after = await WaitForFlagsAsync(server, token, flags => Flag(flags, FlagNames.EnableWallets), "enableWallets to turn on");

        Assert.False(Flag(before, FlagNames.EnableWallets));
        Assert.NotEqual(before.GetProperty("revision").GetString(), after.GetProperty("revision").GetString());
        Assert.Contains(server.Logs.Lines, line => line.Contains("[2151]", StringComparison.Ordinal) && line.Contains(after.GetProperty("revision").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_appends_audit_entry()
    {
        await using var server = await StartAsync(ProdFile());
        var token = Token(server, "beta", "user-2");
        var startEntries = await ReadAuditAsync();

        await ReplaceFlagsFileAsync(ProdFile(wallets: "{ enabled: false, tenants: [beta], percentage: 5 }", changedBy: "bob"));
        var after = await WaitForFlagsAsync(server, token, flags => Flag(flags, FlagNames.EnableWallets), "enableWallets to turn on for beta");
        var entries = await ReadAuditAsync();

        // The first load records every setting of both environments, because the audit log was empty.
        Assert.Equal(12, startEntries.Count);
        Assert.All(startEntries, entry => Assert.Equal(JsonValueKind.Null, entry.GetProperty("before").ValueKind));
        Assert.All(startEntries, entry => Assert.Equal("alice", entry.GetProperty("changedBy").GetString()));

        var change = Assert.Single(entries.Skip(startEntries.Count));
        Assert.Equal(FlagNames.EnableWallets, change.GetProperty("flag").GetString());
        Assert.Equal("prod", change.GetProperty("environment").GetString());
        Assert.Equal("bob", change.GetProperty("changedBy").GetString());
        Assert.Equal("server", change.GetProperty("source").GetString());
        Assert.Equal(FlagsFile, change.GetProperty("file").GetString());
        Assert.Equal(after.GetProperty("revision").GetString(), change.GetProperty("revision").GetString());
        Assert.False(change.GetProperty("before").GetProperty("enabled").GetBoolean());
        Assert.Empty(change.GetProperty("before").GetProperty("tenants").EnumerateArray());
        Assert.Equal(["beta"], change.GetProperty("after").GetProperty("tenants").EnumerateArray().Select(tenant => tenant.GetString()));
        Assert.Equal(5, change.GetProperty("after").GetProperty("percentage").GetDouble());
        Assert.True(DateTimeOffset.UtcNow - change.GetProperty("at").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Bad_file_keeps_previous_flags()
    {
        var logs = new StructuredLogs();
        await using var server = await StartAsync(ProdFile(), logs: logs);
        var token = Token(server, "beta", "user-2");
        var before = await GetFlagsAsync(server, token);
        var auditLines = (await ReadAuditAsync()).Count;

        var broken = ProdFile(wallets: "{ enabled: false, percentage: 150 }");
        await ReplaceFlagsFileAsync(broken);
        await WaitForLogAsync(logs, FileRejectedEvent);
        var during = await GetFlagsAsync(server, token);

        Assert.Equal(before.GetProperty("revision").GetString(), during.GetProperty("revision").GetString());
        Assert.False(Flag(during, FlagNames.EnableWallets));
        Assert.Equal(auditLines, (await ReadAuditAsync()).Count);

        var rejection = Assert.Single(logs.Events, logEvent => logEvent.EventId == FileRejectedEvent);
        Assert.Equal(LogLevel.Warning, rejection.Level);
        Assert.Equal(FlagsFile, rejection.Fields["FlagsFile"]);
        Assert.Equal(15L, rejection.Fields["Line"]);
        Assert.Equal("environments.prod.enableWallets.percentage", rejection.Fields["Field"]);
        Assert.Contains("150", (string)rejection.Fields["Problem"]!, StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("revision").GetString(), rejection.Fields["KeptRevision"]);

        // A fixed file is applied at the next check, and the broken one was logged only once.
        await ReplaceFlagsFileAsync(ProdFile(wallets: "true"));
        await WaitForFlagsAsync(server, token, flags => Flag(flags, FlagNames.EnableWallets), "the fixed file to apply");
        Assert.Single(logs.Events, logEvent => logEvent.EventId == FileRejectedEvent);
    }

    [Fact]
    public async Task File_without_served_environment_is_rejected()
    {
        var logs = new StructuredLogs();
        await using var server = await StartAsync(ProdFile(), logs: logs);
        var token = Token(server, "beta", "user-2");

        var devOnly = ProdFile().Replace("  prod:", "  stage:", StringComparison.Ordinal);
        await ReplaceFlagsFileAsync(devOnly);
        await WaitForLogAsync(logs, FileRejectedEvent);

        var rejection = Assert.Single(logs.Events, logEvent => logEvent.EventId == FileRejectedEvent);
        Assert.Equal("environments.prod", rejection.Fields["Field"]);
        Assert.Equal(12L, rejection.Fields["Line"]);
        Assert.True(Flag(await GetFlagsAsync(server, token), FlagNames.ProdMode));
    }

    [Fact]
    public async Task Missing_file_keeps_previous_flags()
    {
        var logs = new StructuredLogs();
        await using var server = await StartAsync(ProdFile(), logs: logs);
        var token = Token(server, "beta", "user-2");
        var before = await GetFlagsAsync(server, token);

        // Kubernetes swaps a mounted ConfigMap through a symbolic link, so the file can be briefly missing.
        File.Delete(FlagsFile);
        await WaitForLogAsync(logs, FileUnreadableEvent);
        var during = await GetFlagsAsync(server, token);
        await ReplaceFlagsFileAsync(ProdFile(wallets: "true"));
        await WaitForFlagsAsync(server, token, flags => Flag(flags, FlagNames.EnableWallets), "the restored file to apply");

        Assert.Equal(before.GetProperty("revision").GetString(), during.GetProperty("revision").GetString());
        Assert.True(Flag(during, FlagNames.ProdMode));
        Assert.Single(logs.Events, logEvent => logEvent.EventId == FileUnreadableEvent);
    }

    [Fact]
    public async Task Unwritable_audit_log_delays_change()
    {
        var logs = new StructuredLogs();
        await using var server = await StartAsync(ProdFile(), logs: logs);
        var token = Token(server, "beta", "user-2");

        // A folder in place of the log makes every append fail, as a read-only volume would.
        File.Delete(AuditFile);
        Directory.CreateDirectory(AuditFile);
        await ReplaceFlagsFileAsync(ProdFile(wallets: "true"));
        await WaitForLogAsync(logs, AuditFailedEvent);

        Assert.False(Flag(await GetFlagsAsync(server, token), FlagNames.EnableWallets));

        Directory.Delete(AuditFile);
        await WaitForFlagsAsync(server, token, flags => Flag(flags, FlagNames.EnableWallets), "the change to apply once the audit log is writable");
        var entry = Assert.Single(await ReadAuditAsync());
        Assert.Equal(FlagNames.EnableWallets, entry.GetProperty("flag").GetString());
    }

    [Fact]
    public async Task Invalid_file_stops_start()
    {
        var broken = ProdFile().Replace("strictOPA: true", "strictOPA: sometimes", StringComparison.Ordinal);

        var exception = await Assert.ThrowsAsync<FlagsFileException>(() => StartAsync(broken));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(FlagsFile, error.File);
        Assert.Equal(17, error.Line);
        Assert.Equal("environments.prod.strictOPA", error.Field);
    }

    [Fact]
    public async Task Restart_audits_changes_made_while_stopped()
    {
        await using (await StartAsync(ProdFile()))
        {
        }

        var firstRun = (await ReadAuditAsync()).Count;
        await using var server = await StartAsync(ProdFile(wallets: "true", changedBy: "carol"));
        var entries = await ReadAuditAsync();

        var change = Assert.Single(entries.Skip(firstRun));
        Assert.Equal(FlagNames.EnableWallets, change.GetProperty("flag").GetString());
        Assert.Equal("carol", change.GetProperty("changedBy").GetString());
        Assert.False(change.GetProperty("before").GetProperty("enabled").GetBoolean());
        Assert.True(change.GetProperty("after").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Rendered_file_shares_audit_log()
    {
        await using (await StartAsync(ProdFile()))
        {
        }

        var firstRun = (await ReadAuditAsync()).Count;
        var rendered = FlagsConfigMap.Render(FlagsFileReader.Parse(ProdFile(), "unified.yaml"), "prod").FlagsYaml;
        await using var server = await StartAsync(rendered, environment: null);

        // The dev settings are in the log but not in the rendered file; they are not recorded as removed.
        Assert.Equal(firstRun, (await ReadAuditAsync()).Count);
        Assert.True(Flag(await GetFlagsAsync(server, Token(server, "alpha", "user-1")), FlagNames.ProdMode));
    }

    [Fact]
    public async Task Rendered_config_map_is_served()
    {
        var document = FlagsFileReader.Parse(ProdFile(), "unified.yaml");
        var configMap = FlagsConfigMap.Render(document, "prod");

        await using var server = await StartAsync(configMap.FlagsYaml, environment: null);
        var flags = await GetFlagsAsync(server, Token(server, "alpha", "user-1", "internal"));

        Assert.Equal("prod", flags.GetProperty("environment").GetString());
        Assert.True(Flag(flags, FlagNames.EnableXai));
        Assert.True(Flag(flags, FlagNames.ProdMode));
    }

    [Fact]
    public async Task Server_without_flags_file_answers_404()
    {
        var token = await shared.Host.TokenAsync(DevClients.Client("alpha", "auditor"));

        using var response = await shared.Host.SendAsync(HttpMethod.Get, "/flags", token);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "flags.not_configured");
    }
}
