namespace IntelGraph.Server.Flags;

/// <summary>The log events of the feature flags, event ids 2150 to 2169.</summary>
internal static partial class FlagsLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information, Message = "Serving the {Environment} flags of {FlagsFile} at revision {Revision}, checking for changes every {IntervalMilliseconds} ms")]
    public static partial void Loaded(ILogger logger, string environment, string flagsFile, string revision, int intervalMilliseconds);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information, Message = "Reloaded the {Environment} flags of {FlagsFile}: revision {Revision} replaces {PreviousRevision}, audited changes: {ChangeCount}")]
    public static partial void Reloaded(ILogger logger, string environment, string flagsFile, string revision, string previousRevision, int changeCount);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Information, Message = "Flag {Flag} in {Environment} changed by {ChangedBy} from {Before} to {After}")]
    public static partial void FlagChanged(ILogger logger, string flag, string environment, string changedBy, string before, string after);

    [LoggerMessage(EventId = 2153, Level = LogLevel.Warning, Message = "Rejected revision {Revision} of the flags file {FlagsFile}, still serving revision {KeptRevision}: line {Line}, column {Column}, field {Field}: {Problem}")]
    public static partial void FileRejected(ILogger logger, string revision, string flagsFile, long line, long column, string field, string problem, string keptRevision);

    [LoggerMessage(EventId = 2154, Level = LogLevel.Warning, Message = "Could not read the flags file {FlagsFile}; still serving revision {KeptRevision}")]
    public static partial void FileUnreadable(ILogger logger, string flagsFile, string keptRevision, Exception exception);

    [LoggerMessage(EventId = 2155, Level = LogLevel.Error, Message = "Could not append to the flags audit log {AuditFile}, so revision {Revision} of {FlagsFile} is not applied; still serving revision {KeptRevision} and retrying at the next check")]
    public static partial void AuditFailed(ILogger logger, string auditFile, string revision, string flagsFile, string keptRevision, Exception exception);

    [LoggerMessage(EventId = 2156, Level = LogLevel.Warning, Message = "Skipped {InvalidLineCount} invalid lines of the flags audit log {AuditFile}, first at line {FirstLine}")]
    public static partial void AuditLinesSkipped(ILogger logger, int invalidLineCount, string auditFile, int firstLine);

    [LoggerMessage(EventId = 2157, Level = LogLevel.Information, Message = "No flags file is configured, so GET /flags responds with 404. Set IntelGraph:Flags:File to serve flags")]
    public static partial void NotConfigured(ILogger logger);
}
