using System.Globalization;
using IntelGraph.Migration;

namespace IntelGraph.Cli.Output;

/// <summary>Writes a migration's outcome as a table for people or as JSON for scripts, and picks the exit code.</summary>
internal static class MigrationReportOutput
{
    public static async Task WriteAsync(CliEnvironment environment, MigrationReport report, bool json)
    {
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, ToJson(report));
            return;
        }

        var output = environment.Out;
        await output.WriteLineAsync($"Tenant {report.Tenant}, {report.Part} of {report.ExportRoot}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"table",-10} {"read",9} {"imported",9} {"present",9} {"dupes",9} {"updated",9} {"older",9} {"quarant.",9} {"resolved",9}"));
        foreach (var t in report.Tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{t.Table,-10} {t.Read,9} {t.Imported,9} {t.AlreadyPresent,9} {t.Duplicates,9} {t.Updated,9} {t.Superseded,9} {t.Quarantined,9} {t.Resolved,9}"));
        }

        await output.WriteLineAsync($"Manifests sealed by this run: {report.ManifestsSealed} ({report.ClaimsSealed} claims).");
        if (report.Budget is { } budget)
        {
            await output.WriteLineAsync($"Query budget: {budget.MaxMilliseconds} ms, {budget.MaxRows} rows.");
        }

        if (report.QuarantineOpen > 0)
        {
            await output.WriteLineAsync($"{report.QuarantineOpen} record(s) of tenant {report.Tenant} are in quarantine; see 'intelgraph quarantine list --tenant {report.Tenant}'.");
        }

        if (report.Unaccounted != 0)
        {
            await output.WriteLineAsync($"{report.Unaccounted} record(s) are unaccounted for.");
        }

        foreach (var problem in report.Problems)
        {
            await output.WriteLineAsync($"problem: {problem}");
        }
    }

    /// <summary>
    /// 3 when a record is unaccounted for or the export's own counts and claim list disagree with what was read;
    /// 4 when anything was quarantined, unless the operator accepted the quarantine.
    /// </summary>
    public static int ExitCode(MigrationReport report, bool acceptQuarantine)
    {
        if (report.Unaccounted != 0 || report.Problems.Count > 0)
        {
            return ExitCodes.VerificationFailed;
        }

        return report.QuarantineOpen > 0 && !acceptQuarantine ? ExitCodes.Quarantined : ExitCodes.Ok;
    }

    public static object ToJson(MigrationReport report) => new
    {
        tenant = report.Tenant.Value,
        part = report.Part,
        exportRoot = report.ExportRoot,
        tables = report.Tables.ToDictionary(t => t.Table, t => new
        {
            read = t.Read,
            imported = t.Imported,
            alreadyPresent = t.AlreadyPresent,
            duplicates = t.Duplicates,
            updated = t.Updated,
            superseded = t.Superseded,
            quarantined = t.Quarantined,
            resolved = t.Resolved,
            seconds = Math.Round(t.Duration.TotalSeconds, 3),
        }),
        manifestsSealed = report.ManifestsSealed,
        claimsSealed = report.ClaimsSealed,
        importSeconds = Math.Round(report.ImportDuration.TotalSeconds, 3),
        sealSeconds = Math.Round(report.SealDuration.TotalSeconds, 3),
        claimIdsWithoutClaim = report.ClaimIdsWithoutClaim.Select(l => new { id = l.ClaimId, location = l.Location.ToString() }).ToList(),
        problems = report.Problems,
        quarantineOpen = report.QuarantineOpen,
        unaccounted = report.Unaccounted,
        budget = report.Budget is { } b ? new { ms = b.MaxMilliseconds, rows = b.MaxRows } : null,
    };
}
