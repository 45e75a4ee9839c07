using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Tests;

/// <summary>
/// A migration killed with SIGKILL at any point and then run again ends in the same state as a run
/// that was never interrupted. Each test kills a real child process once the store shows that the
/// run has reached the stage under test.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private static readonly PilotExportOptions Export = new()
    {
        Tenant = "sample",
        Seed = 11,
        Claims = 60_000,
        Deltas = 1,
        ClaimsPerDelta = 2_000,
        Faults = PilotExportFaults.All,
    };

    public static TheoryData<string, string> KillPoints => new()
    {
        { "graph import", "SELECT COUNT(*) FROM edges" },
        { "claim import", "SELECT COUNT(*) FROM claims" },
        { "sealing", "SELECT COUNT(*) FROM manifests" },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killed_migration_resumes_to_the_same_state(string stage, string progressQuery)
    {
        var token = TestContext.Current.CancellationToken;
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Export);
        var reference = workspace.Store("reference.db");
        var recovered = workspace.Store("recovered.db");
        string[] Migrate(string database) => ["migrate", "--from", export, "--tenant", "pilot", "--db", database, "--accept-quarantine", "--json"];
        string[] Delta(string database) => ["migrate", "--delta", Path.Combine(export, "deltas", "0001"), "--tenant", "pilot", "--db", database, "--accept-quarantine", "--json"];

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(reference)));

        using (var victim = ChildProcess.Start(Migrate(recovered)))
        {
            var killed = await KillWhenAsync(victim, recovered, progressQuery, token);
            Assert.True(killed, $"The migration finished before it reached the {stage} stage, so nothing was interrupted; use a larger export.");
        }

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(recovered)));
        Assert.Equal(await StoreFingerprint.ComputeAsync(reference, token), await StoreFingerprint.ComputeAsync(recovered, token));

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Delta(reference)));
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Delta(recovered)));
        Assert.Equal(await StoreFingerprint.ComputeAsync(reference, token), await StoreFingerprint.ComputeAsync(recovered, token));
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, "verify", "--from", export, "--tenant", "pilot", "--db", recovered));
    }

    [Fact]
    public async Task Killed_delta_resumes_to_the_same_state()
    {
        var token = TestContext.Current.CancellationToken;
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Export with { ClaimsPerDelta = 30_000 });
        var reference = workspace.Store("reference.db");
        var recovered = workspace.Store("recovered.db");
        string[] Migrate(string database) => ["migrate", "--from", export, "--tenant", "pilot", "--db", database, "--accept-quarantine"];
        string[] Delta(string database) => ["migrate", "--delta", Path.Combine(export, "deltas", "0001"), "--tenant", "pilot", "--db", database, "--accept-quarantine"];
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(reference)));
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(recovered)));
        var claimsAfterBase = await StoreFingerprint.CountAsync(recovered, "SELECT COUNT(*) FROM claims", token);

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Delta(reference)));
        using (var victim = ChildProcess.Start(Delta(recovered)))
        {
            var killed = await KillWhenAsync(victim, recovered, $"SELECT COUNT(*) - {claimsAfterBase} FROM claims", token);
            Assert.True(killed, "The delta finished before any of its claims was stored, so nothing was interrupted; use a larger delta.");
        }

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Delta(recovered)));
        Assert.Equal(await StoreFingerprint.ComputeAsync(reference, token), await StoreFingerprint.ComputeAsync(recovered, token));
    }

    /// <summary>Polls the store until <paramref name="progressQuery"/> returns more than zero, then kills the process with SIGKILL.</summary>
    private static async Task<bool> KillWhenAsync(System.Diagnostics.Process victim, string database, string progressQuery, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        while (!victim.HasExited)
        {
            if (await StoreFingerprint.CountAsync(database, progressQuery, deadline.Token) > 0)
            {
                victim.Kill(entireProcessTree: true);
                await victim.WaitForExitAsync(deadline.Token);
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token);
        }

        return false;
    }
}
