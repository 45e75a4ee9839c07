namespace IntelGraph.Server;

/// <summary>
/// The log events of the API server, event ids 2000 to 2099. Tokens, secrets and claim bodies are
/// never logged; token events name the client, subject and tenant only.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Opened the store {DatabasePath} at schema version {SchemaVersion}")]
    public static partial void StoreOpened(ILogger logger, string databasePath, int schemaVersion);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Accepting access tokens from issuer {Authority} for audience {Audience} (embedded development issuer: {IsEmbedded})")]
    public static partial void IssuerConfigured(ILogger logger, string authority, string audience, bool isEmbedded);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Generated the development issuer keys in {KeyFile}, signing key {KeyId}")]
    public static partial void DevIssuerKeysCreated(ILogger logger, string keyFile, string keyId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Read the development issuer keys from {KeyFile}, signing key {KeyId}")]
    public static partial void DevIssuerKeysLoaded(ILogger logger, string keyFile, string keyId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Read {ClientCount} development clients and {UserCount} users from {ClientsFile}")]
    public static partial void DevClientsLoaded(ILogger logger, int clientCount, int userCount, string clientsFile);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Development issuer entry disabled, so it cannot get tokens: {Entry}")]
    public static partial void DevClientUnavailable(ILogger logger, string entry);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "No development client file was found at {ExpectedPath}, so the development issuer issues no tokens. Pass --clients or set IntelGraph:Auth:DevIssuer:ClientsFile")]
    public static partial void NoDevClients(ILogger logger, string expectedPath);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Issued an access token to client {ClientId} for subject {Subject} of tenant {TenantId}")]
    public static partial void TokenIssued(ILogger logger, string clientId, string subject, string tenantId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Rejected a token request of client {ClientId}: {Reason}")]
    public static partial void TokenRequestRejected(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Writes frozen by {Subject}: {Banner} (exempt clients: {ExemptClients})")]
    public static partial void WritesFrozen(ILogger logger, string subject, string banner, string exemptClients);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Writes allowed again by {Subject} after {FrozenSeconds:F1} s frozen")]
    public static partial void WritesUnfrozen(ILogger logger, string subject, double frozenSeconds);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Debug, Message = "Refused {Method} {Path} because writes are frozen")]
    public static partial void WriteRefused(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "Could not read the write freeze for the banner header of {Method} {Path}")]
    public static partial void FreezeUnreadable(ILogger logger, string method, string path, Exception exception);

    // Debug, like refused writes, because a cutover may send thousands of them. Event 2020 records at Warning which clients a freeze exempts.
    [LoggerMessage(EventId = 2024, Level = LogLevel.Debug, Message = "Allowed {Method} {Path} of exempt client {ClientId} while writes are frozen")]
    public static partial void ExemptWriteAllowed(ILogger logger, string clientId, string method, string path);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Debug, Message = "Appended claim {ClaimId} to the ledger of tenant {TenantId}")]
    public static partial void ClaimAppended(ILogger logger, string claimId, string tenantId);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information, Message = "Set the query budget of tenant {TenantId} to {MaxMilliseconds} ms and {MaxRows} rows")]
    public static partial void BudgetSet(ILogger logger, string tenantId, long maxMilliseconds, long maxRows);

    [LoggerMessage(EventId = 2160, Level = LogLevel.Information, Message = "Graph query of tenant {TenantId} {Status} by the {BudgetSource} budget: {Reason}")]
    public static partial void GraphQueryRejected(ILogger logger, string tenantId, string status, string budgetSource, string reason);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Information, Message = "Graph query of tenant {TenantId} is invalid: {Category} {Detail} at line {Line}, column {Column}")]
    public static partial void GraphQueryInvalid(ILogger logger, string tenantId, string category, string detail, int line, int column);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Error, Message = "Stored data failed an integrity check in {Method} {Path}")]
    public static partial void IntegrityFailure(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Warning, Message = "The store stayed locked by other writers past the busy timeout in {Method} {Path}")]
    public static partial void StoreBusy(ILogger logger, string method, string path, Exception exception);
}
