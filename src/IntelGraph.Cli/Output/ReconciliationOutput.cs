using System.Globalization;
using IntelGraph.Migration.Reconciliation;

namespace IntelGraph.Cli.Output;

/// <summary>Writes a reconciliation report as a table for people.</summary>
internal static class ReconciliationOutput
{
    public static async Task WriteAsync(TextWriter output, ReconciliationReport report)
    {
        await output.WriteLineAsync($"Reconciliation of tenant {report.Tenant} ({string.Join(", ", report.Parts)})");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"table",-10} {"source",9} {"imported",9} {"dupes",9} {"quarant.",9} {"missing",9}"));
        foreach (var (table, t) in report.Tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{table,-10} {t.Source,9} {t.Imported,9} {t.Duplicates,9} {t.Quarantined,9} {t.Missing,9}"));
        }

        foreach (var manifest in report.Manifests)
        {
            var state = manifest.Matches ? "matches" : "MISMATCH";
            await output.WriteLineAsync($"manifest {manifest.Id}: {manifest.TreeSize} claims, root {manifest.RootHash} {state}");
        }

        foreach (var reason in report.Quarantine.GroupBy(q => (q.Table, q.Reason)).OrderBy(g => g.Key.Table, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"quarantined: {reason.Count()} {reason.Key.Table} ({reason.Key.Reason})");
        }

        foreach (var problem in report.Problems)
        {
            await output.WriteLineAsync($"problem: {problem}");
        }

        await output.WriteLineAsync(report.Ok ? "OK: every record is accounted for." : "FAILED: see the problems above.");
    }
}
