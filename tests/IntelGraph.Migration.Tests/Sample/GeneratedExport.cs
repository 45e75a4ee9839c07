using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Sample;

/// <summary>An export generated into its own temporary folder, deleted on dispose.</summary>
internal sealed class GeneratedExport : IDisposable
{
    public static readonly string[] CsvFiles =
    [
        "graph/entities.csv",
        "graph/edges.csv",
        "legacy/legacy_cases.csv",
        "legacy/legacy_tasks.csv",
        "legacy/legacy_reports.csv",
    ];

    private readonly List<long> _progress = [];

    public GeneratedExport(PilotExportOptions options)
    {
        Options = options;
        Root = Path.Combine(Path.GetTempPath(), "intelgraph-sample-" + Guid.NewGuid().ToString("N"));
        var progress = new SynchronousProgress(value =>
        {
            lock (_progress)
            {
                _progress.Add(value);
            }
        });
        Manifest = new PilotExportGenerator(options).Generate(Root, progress, TestContext.Current.CancellationToken);
    }

    public PilotExportOptions Options { get; }

    public string Root { get; }

    public PilotExportManifest Manifest { get; }

    public IReadOnlyList<long> ProgressReports
    {
        get
        {
            lock (_progress)
            {
                return [.. _progress];
            }
        }
    }

    /// <summary>A small export with every fault switched on and two deltas.</summary>
    public static PilotExportOptions Messy(int seed = 7) => new()
    {
        Seed = seed,
        Claims = 2000,
        Deltas = 2,
        ClaimsPerDelta = 400,
        Faults = PilotExportFaults.All,
        FaultRate = 0.01,
    };

    /// <summary>Returns a file's path relative to the root for a part: the base's own path, or under its delta folder.</summary>
    public static string PartPath(ExpectedPartAccounting part, string relativePath) =>
        part.Name == ExpectedPartAccounting.BaseName ? relativePath : $"{part.Name}/{relativePath}";

    public string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    public byte[] ReadBytes(string relativePath) => File.ReadAllBytes(FullPath(relativePath));

    public string ReadText(string relativePath) => File.ReadAllText(FullPath(relativePath));

    /// <summary>Every file of the export, relative to the root with '/' separators, in ordinal order.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not affect the result.
        }
    }

    /// <summary>Records each report on the reporting thread, because <see cref="Progress{T}"/> would post it to the thread pool and it could arrive late.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
