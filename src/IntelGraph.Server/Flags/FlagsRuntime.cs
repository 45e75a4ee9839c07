using IntelGraph.Core;
using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Evaluation;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;
using IntelGraph.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Flags;

/// <summary>The flags the server serves now: one environment of one revision of the flags file.</summary>
internal sealed record FlagsSnapshot(FlagsDocument Document, string Environment, FlagEvaluator Evaluator, string Revision, DateTimeOffset LoadedAt);

/// <summary>What one check of the flags file did.</summary>
internal enum FlagsReloadOutcome
{
    NotConfigured,
    Unchanged,
    Applied,
    Rejected,
    Unreadable,
    AuditFailed,
}

/// <summary>
/// Contains the current <see cref="FlagsSnapshot"/> and replaces it when the flags file changes. A new
/// revision takes effect only after it passed validation and its audit entries are on disk. Until then
/// the server keeps serving the previous revision and logs why.
/// </summary>
internal sealed class FlagsRuntime
{
    private readonly FlagsOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile FlagsSnapshot? _current;

    // The outcomes of earlier checks, kept so a file that stays broken is logged once, not at every check.
    // A rejected revision is not parsed again, but a revision whose audit write failed is retried.
    private string? _rejectedRevision;
    private string? _auditFailedRevision;
    private bool _reportedUnreadable;

    public FlagsRuntime(IOptions<ServerOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _options = options.Value.Flags;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<FlagsRuntime>();
        _timeProvider = timeProvider;

        if (!string.IsNullOrWhiteSpace(_options.File))
        {
            FilePath = Path.GetFullPath(_options.File);
            AuditLog = new FlagAuditLog(string.IsNullOrWhiteSpace(_options.AuditFile) ? FlagAuditLog.DefaultPathFor(FilePath) : _options.AuditFile);
        }
    }

    public string? FilePath { get; }

    public FlagAuditLog? AuditLog { get; }

    public FlagsSnapshot? Current => _current;

    public TimeSpan ReloadInterval => TimeSpan.FromMilliseconds(Math.Max(50, _options.ReloadIntervalMilliseconds));

    /// <summary>
    /// Loads the flags file at start. Settings that differ from the audit log's latest entries are
    /// recorded first, so changes made while no server ran are audited too.
    /// </summary>
    /// <exception cref="FlagsFileException">The file is missing or invalid, or lacks the configured environment.</exception>
    /// <exception cref="InvalidInputException">The configured environment is not dev, stage or prod.</exception>
    /// <exception cref="IOException">The audit log could not be read or written.</exception>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (FilePath is null || AuditLog is null)
        {
            FlagsLog.NotConfigured(_logger);
            return;
        }

        if (!string.IsNullOrWhiteSpace(_options.Environment) && !FlagEnvironments.IsKnown(_options.Environment))
        {
            throw new InvalidInputException(
                $"Invalid IntelGraph:Flags:Environment '{_options.Environment}'; expected one of {string.Join(", ", FlagEnvironments.All)}.");
        }

        var content = await ReadContentAsync(FilePath, cancellationToken);
        var revision = FlagsRevision.Of(content);
        var configured = string.IsNullOrWhiteSpace(_options.Environment) ? null : _options.Environment;
        var document = FlagsFileReader.Parse(System.Text.Encoding.UTF8.GetString(content), FilePath, configured);
        var environment = configured ?? SingleEnvironment(document, revision);

        var (entries, invalidLines) = await AuditLog.ReadAsync(cancellationToken);
        if (invalidLines.Count > 0)
        {
            FlagsLog.AuditLinesSkipped(_logger, invalidLines.Count, AuditLog.Path, invalidLines[0]);
        }

        // Only the file's own environments are compared. A server that reads one rendered environment may
        // share its log with the full file, and would otherwise record the others as removed at every start.
        var baseline = FlagAuditLog.LatestSettings(entries)
            .Where(pair => document.HasEnvironment(pair.Key.Environment))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        await AuditAndApplyAsync(document, environment, revision, baseline, cancellationToken);
        FlagsLog.Loaded(_logger, environment, FilePath, revision, (int)ReloadInterval.TotalMilliseconds);
    }

    /// <summary>
    /// Checks the file once and applies a new valid revision. A missing, unreadable or invalid file and a
    /// failed audit write are logged and returned as the outcome, not thrown.
    /// </summary>
    public async Task<FlagsReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        if (FilePath is null || AuditLog is null || _current is null)
        {
            return FlagsReloadOutcome.NotConfigured;
        }

        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(FilePath, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Kubernetes swaps a mounted ConfigMap through a symbolic link, so a check can fall between two files.
                if (!_reportedUnreadable)
                {
                    _reportedUnreadable = true;
                    FlagsLog.FileUnreadable(_logger, FilePath, current.Revision, ex);
                }

                return FlagsReloadOutcome.Unreadable;
            }

            _reportedUnreadable = false;

            var revision = FlagsRevision.Of(content);
            if (revision == current.Revision)
            {
                return FlagsReloadOutcome.Unchanged;
            }

            if (revision == _rejectedRevision)
            {
                return FlagsReloadOutcome.Rejected;
            }

            FlagsDocument document;
            try
            {
                document = FlagsFileReader.Parse(System.Text.Encoding.UTF8.GetString(content), FilePath, current.Environment);
            }
            catch (FlagsFileException ex)
            {
                _rejectedRevision = revision;
                foreach (var error in ex.Errors)
                {
                    FlagsLog.FileRejected(_logger, revision, FilePath, error.Line, error.Column, error.Field, error.Message, current.Revision);
                }

                return FlagsReloadOutcome.Rejected;
            }

            try
            {
                var changes = await AuditAndApplyAsync(document, current.Environment, revision, FlagChanges.Flatten(current.Document), cancellationToken);
                _auditFailedRevision = null;
                FlagsLog.Reloaded(_logger, current.Environment, FilePath, revision, current.Revision, changes);
                return FlagsReloadOutcome.Applied;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (_auditFailedRevision != revision)
                {
                    _auditFailedRevision = revision;
                    FlagsLog.AuditFailed(_logger, AuditLog.Path, revision, FilePath, current.Revision, ex);
                }

                return FlagsReloadOutcome.AuditFailed;
            }
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Records the changes against <paramref name="baseline"/> in the audit log, then serves the new revision.</summary>
    private async Task<int> AuditAndApplyAsync(
        FlagsDocument document,
        string environment,
        string revision,
        IReadOnlyDictionary<FlagKey, FlagSetting> baseline,
        CancellationToken cancellationToken)
    {
        // NOTE: replicas that share one audit log each append their own entries for the same change.
        var now = _timeProvider.GetUtcNow();
        var entries = FlagAuditEntries.ForChange(baseline, document, FilePath!, revision, FlagAuditEntry.SourceServer, now);
        await AuditLog!.AppendAsync(entries, cancellationToken);

        var evaluator = new FlagEvaluator(document, environment, _loggerFactory);
        _current = new FlagsSnapshot(document, environment, evaluator, revision, now);

        foreach (var entry in entries)
        {
            FlagsLog.FlagChanged(_logger, entry.Flag, entry.Environment, entry.ChangedBy, entry.Before?.ToString() ?? "unset", entry.After?.ToString() ?? "unset");
        }

        return entries.Count;
    }

    private string SingleEnvironment(FlagsDocument document, string revision)
    {
        if (document.Environments.Count == 1)
        {
            return document.Environments.Keys.Single();
        }

        throw new FlagsFileException(
        [
            new FlagsFileError(FilePath!, 0, 0, "environments",
                $"the file configures {string.Join(", ", document.Environments.Keys)} (revision {revision}); set IntelGraph:Flags:Environment to choose one."),
        ]);
    }

    private static async Task<byte[]> ReadContentAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlagsFileException([new FlagsFileError(path, 0, 0, string.Empty, "the flags file does not exist; check IntelGraph:Flags:File.")]);
        }
    }
}
