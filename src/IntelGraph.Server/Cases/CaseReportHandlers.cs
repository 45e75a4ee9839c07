using IntelGraph.Cases;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Cases;

/// <summary>The report metadata endpoints under <c>/cases/{caseId}/reports</c>. A report is found only under the case it belongs to.</summary>
internal static class CaseReportHandlers
{
    public static Task<Results<Ok<Page<ReportResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string caseId,
        Caller caller,
        RequestStores requestStores,
        string? limit,
        string? after,
        CancellationToken cancellationToken) =>
        CaseFields.ListUnderCaseAsync(
            caseId,
            caller,
            requestStores,
            limit,
            after,
            (cases, cursor, take) => cases.ListReportsAsync(caller.Tenant, caseId, cursor, take, cancellationToken),
            report => report.Id,
            ReportResponse.From,
            cancellationToken);

    public static async Task<Results<Created<ReportResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string caseId,
        ReportCreateRequest request,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = CaseFields.IdOrNew(errors, request.Id, "report");
        var title = InputRules.Text(errors, "title", request.Title, CaseFields.MaxTitleLength, required: true);
        var audience = InputRules.Text(errors, "audience", request.Audience, CaseFields.MaxAudienceLength, required: false);
        var fileKey = InputRules.Text(errors, "fileKey", request.FileKey, CaseFields.MaxFileKeyLength, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        if (await stores.Cases.FindCaseAsync(caller.Tenant, caseId, cancellationToken) is null)
        {
            return CasesEndpoints.CaseNotFound(caller, caseId);
        }

        if (await stores.Cases.FindReportAsync(caller.Tenant, id!, cancellationToken) is not null)
        {
            return Problems.Conflict(ErrorCodes.ReportExists, $"Tenant '{caller.Tenant}' already has a report with id '{id}'.");
        }

        var report = new ReportMeta(id!, caseId, title!, audience, fileKey);
        await stores.Cases.InsertReportAsync(caller.Tenant, report, origin: null, cancellationToken);
        return TypedResults.Created($"/cases/{Uri.EscapeDataString(caseId)}/reports/{Uri.EscapeDataString(report.Id)}", ReportResponse.From(report));
    }

    public static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> GetAsync(
        string caseId,
        string reportId,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Cases.FindReportAsync(caller.Tenant, reportId, cancellationToken);
        return stored is null || stored.Value.CaseId != caseId
            ? ReportNotFound(caller, caseId, reportId)
            : TypedResults.Ok(ReportResponse.From(stored.Value));
    }

    public static async Task<Results<Ok<ReportResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string caseId,
        string reportId,
        ReportUpdateRequest request,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var title = InputRules.Text(errors, "title", request.Title, CaseFields.MaxTitleLength, required: true);
        var audience = InputRules.Text(errors, "audience", request.Audience, CaseFields.MaxAudienceLength, required: false);
        var fileKey = InputRules.Text(errors, "fileKey", request.FileKey, CaseFields.MaxFileKeyLength, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Cases.FindReportAsync(caller.Tenant, reportId, cancellationToken);
        if (stored is null || stored.Value.CaseId != caseId)
        {
            return ReportNotFound(caller, caseId, reportId);
        }

        var report = new ReportMeta(reportId, caseId, title!, audience, fileKey);
        await stores.Cases.UpdateReportAsync(caller.Tenant, report, cancellationToken);
        return TypedResults.Ok(ReportResponse.From(report));
    }

    private static ProblemHttpResult ReportNotFound(Caller caller, string caseId, string reportId) =>
        Problems.NotFound(
            ErrorCodes.ReportNotFound,
            $"Case '{InputRules.Shorten(caseId)}' of tenant '{caller.Tenant}' has no report with id '{InputRules.Shorten(reportId)}'.");
}
