using System.Globalization;
using IntelGraph.Migration.Rehearsal;

namespace IntelGraph.Cli.Output;

/// <summary>Writes a rehearsal's timeline, freeze window and reconciliation summary.</summary>
internal static class RehearsalOutput
{
    public static async Task WriteAsync(CliEnvironment environment, RehearsalReport report, bool json)
    {
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, new
            {
                tenant = report.Tenant.Value,
                exportRoot = report.ExportRoot,
                workFolder = report.WorkFolder,
                timeline = report.Timeline.Select(s => new
                {
                    step = s.Step.ToString(),
                    startedAfterMs = Math.Round(s.StartedAfter.TotalMilliseconds, 1),
                    durationMs = Math.Round(s.Duration.TotalMilliseconds, 1),
                    summary = s.Summary,
                }),
                freezeWindowMs = Math.Round(report.FreezeWindow.TotalMilliseconds, 1),
                totalMs = Math.Round(report.Total.TotalMilliseconds, 1),
                migrations = report.Migrations.Select(MigrationReportOutput.ToJson),
                reconciliation = report.Reconciliation,
            });
            return;
        }

        var output = environment.Out;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Cutover rehearsal of tenant {report.Tenant} from {report.ExportRoot}");
        foreach (var step in report.Timeline)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  +{step.StartedAfter.TotalSeconds,7:F2} s  {step.Step,-18} {step.Duration.TotalMilliseconds,8:F0} ms  {step.Summary}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Write freeze: {report.FreezeWindow.TotalSeconds:F2} s (banner: \"{report.Banner}\"). Whole rehearsal: {report.Total.TotalSeconds:F2} s."));
        await output.WriteLineAsync($"Scratch store and backups: {report.WorkFolder}");
        await output.WriteLineAsync();
        await ReconciliationOutput.WriteAsync(output, report.Reconciliation);
    }
}
