using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntelGraph.Server.Tests;

/// <summary>What the tests that start a real server, in this process or as <c>intelgraph serve</c>, share.</summary>
internal static class ServeProcess
{
    /// <summary>Returns a loopback port that was free a moment ago, for a server the test starts itself.</summary>
    public static int FreePort()
    {
        return IntelGraph.Testing.TestPorts.Free();
    }

    /// <summary>Polls <c>/healthz</c> until it returns 200, failing at once when the process exits and after 60 s.</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient http, Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"intelgraph serve exited with code {(process.HasExited ? process.ExitCode : 0)}.");
            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        Assert.Fail("intelgraph serve did not return 200 from /healthz within 60 s.");
    }

    /// <summary>
    /// Starts <c>intelgraph serve</c> from the test binaries on <paramref name="baseUrl"/> over <paramref name="database"/>, in the
    /// clients file's folder, with the API client's secret in <c>INTELGRAPH_API_SECRET</c>. Its output lines go to
    /// <paramref name="output"/> when given, for a failing test to show.
    /// </summary>
    public static Process Start(string baseUrl, string database, string clients, string secret, ConcurrentQueue<string>? output = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(clients)!,
        };
        start.Environment["INTELGRAPH_API_SECRET"] = secret;
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "intelgraph.dll"), "serve", "--urls", baseUrl, "--db", database, "--clients", clients })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => output?.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => output?.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
