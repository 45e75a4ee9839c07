namespace IntelGraph.Migration.Sample;

/// <summary>The files of one export part, open for writing together while claims stream by.</summary>
internal sealed class PartFiles : IDisposable
{
    public PartFiles(string exportRoot, string partDirectory, PilotExportOptions options, PartAccountingBuilder accounting, Action claimWritten)
    {
        bool byteOrderMark = (options.Faults & PilotExportFaults.ByteOrderMark) != 0;
        bool crlf = (options.Faults & PilotExportFaults.CrlfLineEnds) != 0;

        CsvTableWriter Csv(string relativePath, string header) =>
            new(exportRoot, PartPath(partDirectory, relativePath), header, byteOrderMark, crlf);

        Claims = new ClaimsStream(new ClaimsFileWriter(exportRoot, partDirectory, options.Indented), accounting, claimWritten);
        Entities = Csv("graph/entities.csv", "id,label,type,country,createdAt");
        Edges = Csv("graph/edges.csv", "id,source,target,type,createdAt");
        Cases = Csv("legacy/legacy_cases.csv", "guid,title,owner");
        Tasks = Csv("legacy/legacy_tasks.csv", "guid,case_guid,assignee,summary,state,updated_at");
        Reports = Csv("legacy/legacy_reports.csv", "guid,case_guid,title,audience,key");
        Sql = new LegacySqlWriter(Path.Combine(exportRoot, PartPath(partDirectory, "legacy")));
    }

    public ClaimsStream Claims { get; }

    /// <summary>The elements of <c>claims.json</c>, known once <see cref="Complete"/> has run.</summary>
    public long ClaimElements { get; private set; }

    public CsvTableWriter Entities { get; }

    public CsvTableWriter Edges { get; }

    public CsvTableWriter Cases { get; }

    public CsvTableWriter Tasks { get; }

    public CsvTableWriter Reports { get; }

    public LegacySqlWriter Sql { get; }

    public static string PartPath(string partDirectory, string relativePath) =>
        partDirectory.Length == 0 ? relativePath : string.Concat(partDirectory, "/", relativePath);

    /// <summary>Finishes every file: closes the claims array and assembles <c>legacy.sql</c>.</summary>
    public void Complete()
    {
        ClaimElements = Claims.Complete();
        Sql.Complete();
        Dispose();
    }

    public void Dispose()
    {
        Claims.Dispose();
        Entities.Dispose();
        Edges.Dispose();
        Cases.Dispose();
        Tasks.Dispose();
        Reports.Dispose();
        Sql.Dispose();
    }
}
