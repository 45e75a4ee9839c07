using System.Diagnostics;

namespace IntelGraph.Cli.Tests;

/// <summary>Runs the built <c>intelgraph</c> as a separate process, so a test can kill it with SIGKILL.</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] args) => Start(errorLine: null, args);

    /// <summary>Starts the CLI with <paramref name="args"/>, passing each line it writes to standard error to <paramref name="errorLine"/>.</summary>
    public static Process Start(Action<string>? errorLine, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "intelgraph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");

        // Drain both pipes so a chatty child never blocks on a full pipe buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errorLine?.Invoke(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<int> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }
}
