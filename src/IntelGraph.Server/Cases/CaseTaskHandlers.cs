using IntelGraph.Cases;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Cases;

/// <summary>The task endpoints under <c>/cases/{caseId}/tasks</c>. A task is found only under the case it belongs to.</summary>
internal static class CaseTaskHandlers
{
    public static Task<Results<Ok<Page<TaskResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
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
            (cases, cursor, take) => cases.ListTasksAsync(caller.Tenant, caseId, cursor, take, cancellationToken),
            task => task.Id,
            TaskResponse.From,
            cancellationToken);

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string caseId,
        TaskCreateRequest request,
        Caller caller,
        RequestStores requestStores,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var id = CaseFields.IdOrNew(errors, request.Id, "task");
        var title = InputRules.Text(errors, "title", request.Title, CaseFields.MaxTitleLength, required: true);
        var status = CaseFields.TaskStatusValue(errors, request.Status, required: false);
        var assignee = InputRules.Text(errors, "assignee", request.Assignee, CaseFields.MaxPersonLength, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        if (await stores.Cases.FindCaseAsync(caller.Tenant, caseId, cancellationToken) is null)
        {
            return CasesEndpoints.CaseNotFound(caller, caseId);
        }

        if (await stores.Cases.FindTaskAsync(caller.Tenant, id!, cancellationToken) is not null)
        {
            return Problems.Conflict(ErrorCodes.TaskExists, $"Tenant '{caller.Tenant}' already has a task with id '{id}'.");
        }

        var task = new CaseTask(id!, caseId, assignee, title!, status!, CaseFields.Timestamp(timeProvider));
        await stores.Cases.InsertTaskAsync(caller.Tenant, task, origin: null, cancellationToken);
        return TypedResults.Created($"/cases/{Uri.EscapeDataString(caseId)}/tasks/{Uri.EscapeDataString(task.Id)}", TaskResponse.From(task));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(
        string caseId,
        string taskId,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Cases.FindTaskAsync(caller.Tenant, taskId, cancellationToken);
        return stored is null || stored.Value.CaseId != caseId
            ? TaskNotFound(caller, caseId, taskId)
            : TypedResults.Ok(TaskResponse.From(stored.Value));
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string caseId,
        string taskId,
        TaskUpdateRequest request,
        Caller caller,
        RequestStores requestStores,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var title = InputRules.Text(errors, "title", request.Title, CaseFields.MaxTitleLength, required: true);
        var status = CaseFields.TaskStatusValue(errors, request.Status, required: true);
        var assignee = InputRules.Text(errors, "assignee", request.Assignee, CaseFields.MaxPersonLength, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Cases.FindTaskAsync(caller.Tenant, taskId, cancellationToken);
        if (stored is null || stored.Value.CaseId != caseId)
        {
            return TaskNotFound(caller, caseId, taskId);
        }

        // The origin stays: it records which export the task was first imported from, if any.
        var task = new CaseTask(taskId, caseId, assignee, title!, status!, CaseFields.Timestamp(timeProvider));
        await stores.Cases.ReplaceTaskAsync(caller.Tenant, task, stored.Origin, cancellationToken);
        return TypedResults.Ok(TaskResponse.From(task));
    }

    private static ProblemHttpResult TaskNotFound(Caller caller, string caseId, string taskId) =>
        Problems.NotFound(
            ErrorCodes.TaskNotFound,
            $"Case '{InputRules.Shorten(caseId)}' of tenant '{caller.Tenant}' has no task with id '{InputRules.Shorten(taskId)}'.");
}
