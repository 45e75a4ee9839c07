using System.Globalization;
using IntelGraph.Cases;
using IntelGraph.Cases.Storage;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Cases;

/// <summary>The field rules of cases, tasks and reports, and the values the server fills in.</summary>
internal static class CaseFields
{
    public const int MaxTitleLength = 500;
    public const int MaxPersonLength = 200;
    public const int MaxTaskStatusLength = 64;
    public const int MaxAudienceLength = 100;
    public const int MaxFileKeyLength = 1024;

    public const string DefaultTaskStatus = "open";

    private static readonly string[] _caseStatuses = [CaseStatus.Open, CaseStatus.Closed];

    /// <summary>Checks an optional client-chosen id, or makes a new time-ordered one such as <c>case-0197…</c>.</summary>
    public static string? IdOrNew(FieldErrors errors, string? id, string prefix) =>
        id is null ? $"{prefix}-{Guid.CreateVersion7():N}" : InputRules.Id(errors, "id", id);

    public static string? CaseStatusValue(FieldErrors errors, string? status, bool required)
    {
        if (status is null && !required)
        {
            return CaseStatus.Open;
        }

        if (status is null || !_caseStatuses.Contains(status, StringComparer.Ordinal))
        {
            errors.Add("status", $"status must be one of: {string.Join(", ", _caseStatuses)}.");
            return null;
        }

        return status;
    }

    /// <summary>Checks an optional case severity: absent, or one of <see cref="CaseSeverity.All"/>.</summary>
    public static string? SeverityValue(FieldErrors errors, string? severity)
    {
        if (severity is null || CaseSeverity.IsValid(severity))
        {
            return severity;
        }

        errors.Add("severity", $"severity must be one of: {string.Join(", ", CaseSeverity.All)}, or left out.");
        return null;
    }

    public static string? TaskStatusValue(FieldErrors errors, string? status, bool required)
    {
        if (status is null && !required)
        {
            return DefaultTaskStatus;
        }

        return InputRules.Text(errors, "status", status, MaxTaskStatusLength, required: true);
    }

    /// <summary>Checks the <c>after</c> cursor of an id-ordered list: absent, or an id.</summary>
    public static string? Cursor(FieldErrors errors, string? after) =>
        after is null ? string.Empty : InputRules.Id(errors, "after", after);

    /// <summary>The current time as RFC 3339 UTC with milliseconds, the form task timestamps take.</summary>
    public static string Timestamp(TimeProvider timeProvider) =>
        timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Builds a page from one more item than the page size: the extra item only shows that another page follows.</summary>
    /// <summary>
    /// Lists one page of a case's tasks or reports: validates the paging parameters, checks that the case
    /// exists in the caller's tenant, then reads one item more than the page to tell whether another page follows.
    /// </summary>
    public static async Task<Results<Ok<Page<TResponse>>, ValidationProblem, ProblemHttpResult>> ListUnderCaseAsync<TItem, TResponse>(
        string caseId,
        Caller caller,
        RequestStores requestStores,
        string? limit,
        string? after,
        Func<ICaseStore, string?, int, Task<IReadOnlyList<TItem>>> list,
        Func<TItem, string> idOf,
        Func<TItem, TResponse> map,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageSize = InputRules.PageSize(errors, limit);
        var cursor = Cursor(errors, after);
        if (pageSize is null || cursor is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        if (await stores.Cases.FindCaseAsync(caller.Tenant, caseId, cancellationToken) is null)
        {
            return CasesEndpoints.CaseNotFound(caller, caseId);
        }

        var items = await list(stores.Cases, cursor, pageSize.Value + 1);
        return TypedResults.Ok(ToPage(items, pageSize.Value, idOf, map));
    }

    public static Page<TResponse> ToPage<TItem, TResponse>(IReadOnlyList<TItem> items, int pageSize, Func<TItem, string> idOf, Func<TItem, TResponse> map)
    {
        var page = items.Take(pageSize).ToList();
        var nextCursor = items.Count > pageSize ? idOf(page[^1]) : null;
        return new Page<TResponse>([.. page.Select(map)], nextCursor);
    }
}
