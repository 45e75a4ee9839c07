using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntelGraph.Storage;
using Npgsql;

namespace IntelGraph.Cli.Tests;

/// <summary>
/// A PostgreSQL cluster of one test's own, on a free loopback port, that the test may stop and start again to
/// cut every connection. It uses the server binaries of the test run (<c>INTELGRAPH_PG_BIN</c>, which
/// scripts/with-postgres.sh sets); as root, the cluster belongs to the postgres user, as PostgreSQL requires.
/// </summary>
internal sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static bool Available => Environment.GetEnvironmentVariable("INTELGRAPH_PG_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "initdb"));

    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("INTELGRAPH_PG_BIN")!;
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-private-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", folder);
        }

        var port = IntelGraph.Testing.TestPorts.Free();

        var cluster = new PrivatePostgresCluster(bin, folder, port);
        await cluster.RunToolAsync("initdb", "-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Creates a database and returns it as <c>--db</c> takes it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await create.ExecuteNonQueryAsync();
        return StoreLocation.Resolve($"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}").Value;
    }

    /// <summary>Stops the server at once, as a crash or a lost network would, cutting every connection.</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");

    public Task StartAgainAsync() =>
        RunToolAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task RunToolAsync(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await errors} {await output}");
        }
    }
}
