using IntelGraph.Release.Tools;

namespace IntelGraph.Release.Compliance;

/// <summary>
/// Runs the CycloneDX .NET tool from the repository's local tool manifest (<c>.config/dotnet-tools.json</c>)
/// over the release project and its project references.
/// </summary>
public static class SbomGenerator
{
    /// <summary>The project whose dependency closure is the release: the <c>intelgraph</c> program, which also serves the API.</summary>
    public const string ReleaseProject = "src/IntelGraph.Cli/IntelGraph.Cli.csproj";

    public const string ToolCommand = "dotnet-CycloneDX";

    /// <summary>Restores the local tools, writes <c>sbom.cdx.json</c> into <paramref name="folder"/> and returns its path and the tool's version.</summary>
    /// <exception cref="IOException">The tool could not be restored or failed; the message has its last output lines.</exception>
    public static async Task<(string Path, string ToolVersion)> GenerateAsync(string repository, string project, string folder, CancellationToken cancellationToken)
    {
        var restore = await ExternalCommand.RunAsync("dotnet", ["tool", "restore"], repository, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        if (!restore.Succeeded)
        {
            throw new IOException($"dotnet tool restore failed: {restore.Tail()}");
        }

        var version = await ExternalCommand.RunAsync("dotnet", [ToolCommand, "--version"], repository, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(folder);
        const string fileName = "sbom.cdx.json";
        var generate = await ExternalCommand.RunAsync(
            "dotnet",
            [ToolCommand, project, "--recursive", "--output-format", "Json", "--output", folder, "--filename", fileName, "--no-serial-number"],
            repository,
            TimeSpan.FromMinutes(10),
            cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(folder, fileName);
        if (!generate.Succeeded || !File.Exists(path))
        {
            throw new IOException($"{ToolCommand} failed with exit code {generate.ExitCode}: {generate.Tail()}");
        }

        return (path, version.Output.Trim().Split('+')[0]);
    }
}
