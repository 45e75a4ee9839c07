using System.Diagnostics;
using System.Text;

namespace IntelGraph.Release.Tools;

/// <summary>The exit code and the complete output of an external program.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns the last lines of standard error, else of standard output, for a failure message.</summary>
    public string Tail(int lines = 5)
    {
        var text = string.IsNullOrWhiteSpace(Error) ? Output : Error;
        return string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
    }
}

/// <summary>Runs external programs such as git and dotnet with a time limit, reading both output streams in full.</summary>
public static class ExternalCommand
{
    /// <summary>Runs the program in <paramref name="workingDirectory"/> and waits at most <paramref name="timeout"/>.</summary>
    /// <exception cref="IOException">The program could not be started, or did not end within the time limit (it is killed then).</exception>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tools print English, machine-readable text regardless of the operator's locale.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"{program} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"{program} could not be started: {ex.Message}. Check that it is installed and on PATH.", ex);
        }

        using (process)
        {
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, line) => Append(output, line.Data);
            process.ErrorDataReceived += (_, line) => Append(error, line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new IOException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
            }

            // WaitForExitAsync returns after the streams reach their end, so both builders are complete here.
            lock (output)
            {
                lock (error)
                {
                    return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
                }
            }
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }
}
