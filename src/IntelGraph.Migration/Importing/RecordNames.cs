namespace IntelGraph.Migration.Importing;

internal static class RecordNames
{
    /// <summary>The capitalised singular of a source table's name, for messages ("Edge 'x' …").</summary>
    public static string Singular(string table) => table switch
    {
        SourceTables.Claims => "Claim",
        SourceTables.Entities => "Entity",
        SourceTables.Edges => "Edge",
        SourceTables.Cases => "Case",
        SourceTables.Tasks => "Task",
        SourceTables.Reports => "Report",
        _ => table,
    };
}
