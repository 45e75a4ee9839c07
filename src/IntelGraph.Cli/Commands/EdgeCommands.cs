using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntelGraph.Cli.Commands;

/// <summary>
/// <c>intelgraph edge</c>, <c>switch</c> and <c>rollback</c>: the blue/green reverse proxy in front of two
/// server deployments, and the commands that move its traffic.
/// </summary>
internal static class EdgeCommands
{
    public static Command Edge(CliEnvironment environment)
    {
        var config = new Option<string>("--config")
        {
            Description = "The edge configuration file (default: deploy/edge/edge.json under the current folder).",
            DefaultValueFactory = _ => Path.Combine("deploy", "edge", "edge.json"),
        };
        var command = new Command("edge", "Run the blue/green reverse proxy until Ctrl+C: clients use its listen address, and switch and rollback move its traffic.") { config };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var settings = await EdgeSettings.ReadAsync(parse.GetValue(config)!, cancellationToken);
            await using var app = await EdgeHost.BuildAsync(settings, configure: null, cancellationToken);

            // Ctrl+C cancels the token, which stops the edge gracefully: requests in flight finish first.
            await app.StartAsync(cancellationToken);
            var active = app.Services.GetRequiredService<EdgeRouter>().State.Active;
            await environment.Out.WriteLineAsync($"Edge on {settings.Listen}, sending traffic to {active.Name()} ({settings.AddressOf(active)}). Switch endpoints on {settings.Admin}.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    public static Command Switch(CliEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "The side that receives new requests: blue or green.", Required = true };
        to.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !EdgeSides.TryParse(value, out _))
            {
                result.AddError($"Invalid side '{value}' for --to: expected blue or green.");
            }
        });

        var (by, reason, force, admin, json) = MoveOptions();
        var command = new Command(
            "switch",
            "Move the edge's traffic to one side after its health check: requests in flight finish on the old side, new ones go to the new side.")
        {
            to, by, reason, force, admin, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var client = new EdgeAdminClient(http, AdminAddress(parse.GetValue(admin)!));
            var status = await client.SwitchAsync(
                new EdgeSwitchRequest(parse.GetValue(to), parse.GetValue(by)!.Trim(), parse.GetValue(reason)?.Trim(), parse.GetValue(force)),
                cancellationToken);
            await WriteStatusAsync(environment, status, parse.GetValue(json));
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    public static Command Rollback(CliEnvironment environment)
    {
        var (by, reason, force, admin, json) = MoveOptions();
        var command = new Command("rollback", "Move the edge's traffic back to the side that was active before the last switch.")
        {
            by, reason, force, admin, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var client = new EdgeAdminClient(http, AdminAddress(parse.GetValue(admin)!));
            var status = await client.RollbackAsync(
                new EdgeRollbackRequest(parse.GetValue(by)!.Trim(), parse.GetValue(reason)?.Trim(), parse.GetValue(force)),
                cancellationToken);
            await WriteStatusAsync(environment, status, parse.GetValue(json));
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static (Option<string> By, Option<string?> Reason, Option<bool> Force, Option<string> Admin, Option<bool> Json) MoveOptions()
    {
        var by = new Option<string>("--by") { Description = "Who moves the traffic, recorded in the edge's switch log.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why the traffic moves, recorded in the switch log." };
        var force = new Option<bool>("--force") { Description = "Move even when the side's health check fails." };
        var admin = new Option<string>("--admin")
        {
            Description = $"The edge's admin address (default: {EdgeAdminClient.DefaultAdmin}).",
            DefaultValueFactory = _ => EdgeAdminClient.DefaultAdmin,
        };
        admin.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"Invalid URL '{value}' for --admin: expected an absolute http URL such as {EdgeAdminClient.DefaultAdmin}.");
            }
        });
        return (by, reason, force, admin, CommonOptions.Json());
    }

    private static Uri AdminAddress(string value) => new(value.EndsWith('/') ? value : value + "/");

    private static async Task WriteStatusAsync(CliEnvironment environment, EdgeStatus status, bool json)
    {
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, status);
            return;
        }

        await environment.Out.WriteLineAsync(status.Changed == true
            ? $"Traffic moved to {status.Active} ({status.ActiveAddress}). Keep {status.Idle} ({status.IdleAddress}) until {status.IdleRetainedUntil:u} before retiring it."
            : $"{status.Active} ({status.ActiveAddress}) already receives the traffic; nothing changed.");
    }
}
