using System.Globalization;
using IntelGraph.Cases;
using IntelGraph.Server.Http;

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
    public static Page<TResponse> ToPage<TItem, TResponse>(IReadOnlyList<TItem> items, int pageSize, Func<TItem, string> idOf, Func<TItem, TResponse> map)
    {
        var page = items.Take(pageSize).ToList();
        var nextCursor = items.Count > pageSize ? idOf(page[^1]) : null;
        return new Page<TResponse>([.. page.Select(map)], nextCursor);
    }
}
