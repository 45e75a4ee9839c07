namespace IntelGraph.Server.Http;

/// <summary>
/// The stable error codes sent in the <c>code</c> member of every problem response. Clients branch on
/// these; the title and detail texts may change.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidField = "request.invalid_field";
    public const string MalformedJson = "request.malformed_json";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string BodyTooLarge = "request.body_too_large";
    public const string BadRequest = "request.bad_request";
    public const string RouteNotFound = "request.route_not_found";
    public const string MethodNotAllowed = "request.method_not_allowed";

    public const string RoleNotAllowed = "auth.role_not_allowed";
    public const string TenantMissing = "auth.tenant_missing";
    public const string TenantMismatch = "auth.tenant_mismatch";

    public const string InvalidClaim = "ledger.invalid_claim";
    public const string ClaimHashMismatch = "ledger.claim_hash_mismatch";
    public const string ClaimConflict = "ledger.claim_conflict";
    public const string ClaimNotFound = "ledger.claim_not_found";
    public const string ClaimAlreadySealed = "ledger.claim_already_sealed";
    public const string ManifestNotFound = "ledger.manifest_not_found";
    public const string TenantKeyNotFound = "keys.tenant_key_not_found";

    public const string BudgetNotFound = "budget.not_found";

    public const string FlagsNotConfigured = "flags.not_configured";
    public const string FeatureDisabled = "flags.feature_disabled";

    public const string CaseNotFound = "cases.case_not_found";
    public const string TaskNotFound = "cases.task_not_found";
    public const string ReportNotFound = "cases.report_not_found";
    public const string CaseExists = "cases.case_exists";
    public const string TaskExists = "cases.task_exists";
    public const string ReportExists = "cases.report_exists";

    public const string EntityNotFound = "graph.entity_not_found";
    public const string CypherError = "graph.cypher_error";
    public const string QueryBudgetDenied = "graph.query_budget_denied";
    public const string QueryLimitExceeded = "graph.query_limit_exceeded";
    public const string QueryNotPreviewed = "graph.query_not_previewed";
    public const string EdgeNotFound = "graph.edge_not_found";

    public const string WritesFrozen = "freeze.writes_frozen";

    public const string StoreUnavailable = "store.unavailable";
    public const string SchemaOutdated = "store.schema_outdated";
    public const string StoreBusy = "store.busy";
    public const string StoreConflict = "store.conflict";
    public const string RecordNotFound = "store.record_not_found";
    public const string IntegrityFailure = "store.integrity_failure";

    public const string InternalError = "server.internal_error";
}
