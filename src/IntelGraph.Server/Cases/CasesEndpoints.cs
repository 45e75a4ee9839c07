using IntelGraph.Cases;
using IntelGraph.Server.Access;
using IntelGraph.Server.Freeze;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Cases;

/// <summary>Cases, their tasks and their report metadata: create, read, update and list, within the token's tenant.</summary>
public static class CasesEndpoints
{
    public static RouteGroupBuilder MapCasesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cases").WithTags("Cases").RequireMatrixAccess();

        group.MapGet("", ListCasesAsync).WithName("ListCases").WithSummary("List the tenant's cases by id.");
        group.MapPost("", CreateCaseAsync).WithWriteTransaction().WithName("CreateCase").WithSummary("Create a case.");
        group.MapGet("/{caseId}", GetCaseAsync).WithName("GetCase").WithSummary("Read a case.");
        group.MapPut("/{caseId}", UpdateCaseAsync).WithWriteTransaction().WithName("UpdateCase").WithSummary("Replace a case's name, status and owner.");

        group.MapGet("/{caseId}/tasks", CaseTaskHandlers.ListAsync).WithName("ListTasks").WithSummary("List a case's tasks by id.");
        group.MapPost("/{caseId}/tasks", CaseTaskHandlers.CreateAsync).WithWriteTransaction().WithName("CreateTask").WithSummary("Add a task to a case.");
        group.MapGet("/{caseId}/tasks/{taskId}", CaseTaskHandlers.GetAsync).WithName("GetTask").WithSummary("Read a task.");
        group.MapPut("/{caseId}/tasks/{taskId}", CaseTaskHandlers.UpdateAsync).WithWriteTransaction().WithName("UpdateTask").WithSummary("Replace a task's title, status and assignee.");

        group.MapGet("/{caseId}/reports", CaseReportHandlers.ListAsync).WithName("ListReports").WithSummary("List a case's report metadata by id.");
        group.MapPost("/{caseId}/reports", CaseReportHandlers.CreateAsync).WithWriteTransaction().WithName("CreateReport").WithSummary("Add report metadata to a case.");
        group.MapGet("/{caseId}/reports/{reportId}", CaseReportHandlers.GetAsync).WithName("GetReport").WithSummary("Read report metadata.");
        group.MapPut("/{caseId}/reports/{reportId}", CaseReportHandlers.UpdateAsync).WithWriteTransaction().WithName("UpdateReport").WithSummary("Replace a report's title, audience and file key.");

        return group;
    }

    internal static async Task<Results<Ok<Page<CaseResponse>>, ValidationProblem>> ListCasesAsync(
        Caller caller,
        RequestStores requestStores,
        string? limit,
        string? after,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageSize = InputRules.PageSize(errors, limit);
        var cursor = CaseFields.Cursor(errors, after);
        if (pageSize is null || cursor is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var cases = await stores.Cases.ListCasesAsync(caller.Tenant, cursor, pageSize.Value + 1, cancellationToken);
        return TypedResults.Ok(CaseFields.ToPage(cases, pageSize.Value, record => record.Id, CaseResponse.From));
    }

    internal static async Task<Results<Created<CaseResponse>, ValidationProblem, ProblemHttpResult>> CreateCaseAsync(
        CaseCreateRequest request,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = CaseFields.IdOrNew(errors, request.Id, "case");
        var name = InputRules.Text(errors, "name", request.Name, CaseFields.MaxTitleLength, required: true);
        var status = CaseFields.CaseStatusValue(errors, request.Status, required: false);
        var owner = InputRules.Text(errors, "owner", request.Owner, CaseFields.MaxPersonLength, required: false);
        var severity = CaseFields.SeverityValue(errors, request.Severity);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        if (await stores.Cases.FindCaseAsync(caller.Tenant, id!, cancellationToken) is not null)
        {
            return Problems.Conflict(ErrorCodes.CaseExists, $"Tenant '{caller.Tenant}' already has a case with id '{id}'.");
        }

        var record = new CaseRecord(id!, name!, status!, owner, severity);
        await stores.Cases.InsertCaseAsync(caller.Tenant, record, origin: null, cancellationToken);
        return TypedResults.Created($"/cases/{Uri.EscapeDataString(record.Id)}", CaseResponse.From(record));
    }

    internal static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> GetCaseAsync(
        string caseId,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Cases.FindCaseAsync(caller.Tenant, caseId, cancellationToken);
        return stored is null ? CaseNotFound(caller, caseId) : TypedResults.Ok(CaseResponse.From(stored.Value));
    }

    internal static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> UpdateCaseAsync(
        string caseId,
        CaseUpdateRequest request,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = InputRules.Text(errors, "name", request.Name, CaseFields.MaxTitleLength, required: true);
        var status = CaseFields.CaseStatusValue(errors, request.Status, required: true);
        var owner = InputRules.Text(errors, "owner", request.Owner, CaseFields.MaxPersonLength, required: false);
        var severity = CaseFields.SeverityValue(errors, request.Severity);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var record = new CaseRecord(caseId, name!, status!, owner, severity);
        var stores = await requestStores.GetAsync(cancellationToken);
        return await stores.Cases.UpdateCaseAsync(caller.Tenant, record, cancellationToken)
            ? TypedResults.Ok(CaseResponse.From(record))
            : CaseNotFound(caller, caseId);
    }

    internal static ProblemHttpResult CaseNotFound(Caller caller, string caseId) =>
        Problems.NotFound(ErrorCodes.CaseNotFound, $"Tenant '{caller.Tenant}' has no case with id '{InputRules.Shorten(caseId)}'.");
}
