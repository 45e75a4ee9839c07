using System.Collections.Concurrent;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Tests;

/// <summary>
/// The PostgreSQL server goes away in the middle of a migration: the run ends with a clear error, and once the
/// server is back the same command completes, with nothing lost or stored twice.
/// </summary>
public sealed class ConnectionLossTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private static readonly PilotExportOptions Export = new() { Tenant = "sample", Seed = 13, Claims = 60_000, Deltas = 0, Faults = PilotExportFaults.All };

    [Fact]
    public async Task Stopped_server_fails_then_rerun_completes()
    {
        Assert.SkipUnless(PrivatePostgresCluster.Available, "Needs PostgreSQL's server binaries (INTELGRAPH_PG_BIN); runs in the PostgreSQL pass of scripts/test.sh.");
        var token = TestContext.Current.CancellationToken;
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Export);
        await using var cluster = await PrivatePostgresCluster.StartAsync();
        var reference = await cluster.CreateDatabaseAsync("reference");
        var victim = await cluster.CreateDatabaseAsync("victim");
        string[] Migrate(string database) => ["migrate", "--from", export, "--tenant", "pilot", "--db", database, "--accept-quarantine"];

        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(reference)));

        var errors = new ConcurrentQueue<string>();
        using (var process = ChildProcess.Start(errors.Enqueue, Migrate(victim)))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            deadline.CancelAfter(Timeout);
            while (!process.HasExited && await StoreFingerprint.CountAsync(victim, "SELECT COUNT(*) FROM edges", deadline.Token) <= 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), deadline.Token);
            }

            Assert.False(process.HasExited, "The migration finished before the server was stopped; use a larger export.");
            await cluster.StopAsync();
            await process.WaitForExitAsync(deadline.Token);

            Assert.Equal(ExitCodes.Failure, process.ExitCode);
        }

        var message = string.Join(Environment.NewLine, errors);
        Assert.Contains("PostgreSQL", message, StringComparison.Ordinal);
        Assert.Contains("run the same command again", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);

        await cluster.StartAgainAsync();
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, Migrate(victim)));
        Assert.Equal(await StoreFingerprint.ComputeAsync(reference, token), await StoreFingerprint.ComputeAsync(victim, token));
        Assert.Equal(ExitCodes.Ok, await ChildProcess.RunAsync(Timeout, "verify", "--from", export, "--tenant", "pilot", "--db", victim));
    }
}
