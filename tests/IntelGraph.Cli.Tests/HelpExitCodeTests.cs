namespace IntelGraph.Cli.Tests;

/// <summary>The exit codes that a command's help promises are the ones <see cref="ExitCodes"/> defines for it, because scripts are written from the help.</summary>
public sealed class HelpExitCodeTests
{
    [Theory]
    [InlineData("gate", ExitCodes.GateFailed, "exit 0 on pass, {0} on failure.")]
    [InlineData("promote", ExitCodes.GateFailed, "exit {0} when refused.")]
    [InlineData("rollout", ExitCodes.RolloutHalted, "{0} when a step was halted and reverted")]
    public async Task Help_names_exit_code(string command, int exitCode, string phrase)
    {
        var result = await CliRun.InvokeAsync(command, "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, phrase, exitCode), result.Output, StringComparison.Ordinal);
    }
}
