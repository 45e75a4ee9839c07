using System.CommandLine;
using IntelGraph.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph serve</c>: the HTTP API over the store, with its own development token issuer unless --authority names one.</summary>
internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Listening URLs, separated by ';' (default: http://127.0.0.1:8080).",
        };
        var database = CommonOptions.Database();
        var clients = new Option<string?>("--clients")
        {
            Description = "JSON file of the development issuer's clients and users (default: deploy/dev-clients.json of the checkout that ./intelgraph runs from, else under the current folder, when it exists).",
        };
        var authority = new Option<string?>("--authority")
        {
            Description = "URL of an external OpenID Connect issuer, such as a Keycloak realm; its tokens are accepted instead of the development issuer's.",
        };
        var command = new Command("serve", "Serve the IntelGraph HTTP API until Ctrl+C.") { urls, database, clients, authority };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["IntelGraph:Store:Location"] = CliEnvironment.ResolveStore(parse.GetValue(database)).Value,
            };
            AddIfGiven(settings, "urls", parse.GetValue(urls));
            AddIfGiven(settings, "IntelGraph:Auth:DevIssuer:ClientsFile", parse.GetValue(clients) ?? InstalledClientsFile());
            AddIfGiven(settings, "IntelGraph:Auth:Authority", parse.GetValue(authority));

            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddIntelGraphServer();

            await using var app = builder.Build();
            app.UseIntelGraphPipeline();
            app.MapIntelGraphEndpoints();

            // Ctrl+C cancels the token, which stops the server gracefully: requests in flight finish first.
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static void AddIfGiven(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            settings[key] = value;
        }
    }

    /// <summary>
    /// Returns deploy/dev-clients.json of the checkout the <c>intelgraph</c> script runs from, which the script
    /// names in INTELGRAPH_HOME, so that <c>serve</c> finds the development clients from any working folder.
    /// </summary>
    private static string? InstalledClientsFile()
    {
        var home = Environment.GetEnvironmentVariable("INTELGRAPH_HOME");
        if (string.IsNullOrEmpty(home))
        {
            return null;
        }

        var path = Path.Combine(home, "deploy", "dev-clients.json");
        return File.Exists(path) ? path : null;
    }
}
