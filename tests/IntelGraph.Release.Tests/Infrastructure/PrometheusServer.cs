using System.Diagnostics;
using System.Net;

namespace IntelGraph.Release.Tests.Infrastructure;

/// <summary>
/// A Prometheus server (Debian's <c>prometheus</c> package) on 127.0.0.1 that scrapes one target's
/// <c>/metrics</c> every second with a bearer token, in its own temporary folder.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Returns the prometheus program, or null when it is not installed.</summary>
    public static string? FindProgram() =>
        new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists);

    public static async Task<PrometheusServer> StartAsync(string program, Uri target, string token, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"prometheus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "token"), token, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: intelgraph
                authorization:
                  credentials_file: {Path.Combine(folder, "token")}
                static_configs:
                  - targets: ['{target.Authority}']
            """, cancellationToken);

        var address = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={Path.Combine(folder, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address={address.Authority}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, address);
        await server.WaitUntilScrapedAsync(cancellationToken);
        return server;
    }

    /// <summary>Waits, at most 60 s, until Prometheus has scraped the target successfully at least once.</summary>
    private async Task WaitUntilScrapedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "prometheus exited during start.");
            try
            {
                using var response = await Client.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString("up{job=\"intelgraph\"} == 1"), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("\"value\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        Assert.Fail("Prometheus did not scrape the target within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
