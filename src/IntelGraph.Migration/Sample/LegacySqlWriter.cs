using System.Text;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Writes <c>legacy/legacy.sql</c>: PostgreSQL DDL for the three case tables, then one INSERT per
/// CSV row, cases first, then tasks, then reports. Tasks and reports are produced together while
/// claims stream by, so their INSERTs go to two temporary files that <see cref="Complete"/> appends
/// in table order.
/// </summary>
/// <remarks>
/// The INSERTs mirror the CSV rows, faulty ones included: a row with a missing field gives an INSERT
/// with fewer values, and an invalid timestamp is written as the same text.
/// </remarks>
internal sealed class LegacySqlWriter : IDisposable
{
    public const string CasesTable = "legacy_cases";
    public const string TasksTable = "legacy_tasks";
    public const string ReportsTable = "legacy_reports";

    private readonly string _path;
    private readonly string _tasksPath;
    private readonly string _reportsPath;
    private readonly StreamWriter _main;
    private readonly StreamWriter _tasks;
    private readonly StreamWriter _reports;
    private bool _completed;

    public LegacySqlWriter(string legacyDirectory)
    {
        _path = Path.Combine(legacyDirectory, "legacy.sql");
        _tasksPath = Path.Combine(legacyDirectory, "legacy_tasks.sql.partial");
        _reportsPath = Path.Combine(legacyDirectory, "legacy_reports.sql.partial");
        _main = Open(_path);
        _tasks = Open(_tasksPath);
        _reports = Open(_reportsPath);

        _main.WriteLine("-- Case tables of a generated pilot tenant: invented sample data, laid out like a pilot export.");
        _main.WriteLine($"CREATE TABLE {CasesTable} (guid text PRIMARY KEY, title text NOT NULL, owner text);");
        _main.WriteLine($"CREATE TABLE {TasksTable} (guid text PRIMARY KEY, case_guid text, assignee text, summary text, state text, updated_at timestamptz);");
        _main.WriteLine($"CREATE TABLE {ReportsTable} (guid text PRIMARY KEY, case_guid text, title text, audience text, key text);");
    }

    public void InsertCase(params ReadOnlySpan<string> values) => WriteInsert(_main, CasesTable, values);

    public void InsertTask(params ReadOnlySpan<string> values) => WriteInsert(_tasks, TasksTable, values);

    public void InsertReport(params ReadOnlySpan<string> values) => WriteInsert(_reports, ReportsTable, values);

    /// <summary>Appends the task and report INSERTs to <c>legacy.sql</c> and deletes the temporary files.</summary>
    public void Complete()
    {
        _tasks.Dispose();
        _reports.Dispose();
        _main.Flush();
        foreach (string partial in new[] { _tasksPath, _reportsPath })
        {
            using (var source = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1 << 16))
            {
                source.CopyTo(_main.BaseStream);
            }

            File.Delete(partial);
        }

        _main.Dispose();
        _completed = true;
    }

    public void Dispose()
    {
        _tasks.Dispose();
        _reports.Dispose();
        _main.Dispose();
        if (!_completed)
        {
            File.Delete(_tasksPath);
            File.Delete(_reportsPath);
        }
    }

    private static StreamWriter Open(string path)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };
    }

    private static void WriteInsert(StreamWriter writer, string table, ReadOnlySpan<string> values)
    {
        writer.Write("INSERT INTO ");
        writer.Write(table);
        writer.Write(" VALUES (");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(", ");
            }

            writer.Write('\'');
            writer.Write(values[i].Replace("'", "''", StringComparison.Ordinal));
            writer.Write('\'');
        }

        writer.WriteLine(");");
    }
}
