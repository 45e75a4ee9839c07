using IntelGraph.Cli;

namespace IntelGraph.Cli.Tests;

/// <summary>Runs the command line in this process with captured output, the way a script would see it.</summary>
internal static class CliRun
{
    public static async Task<CliResult> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment { Out = output, Error = error, IsInteractive = false };

        var exitCode = await IntelGraphCommandLine.InvokeAsync(args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
