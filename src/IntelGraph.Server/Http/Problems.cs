using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Http;

/// <summary>RFC 9457 problem results that carry a stable <see cref="ErrorCodes">error code</see>.</summary>
internal static class Problems
{
    public const string CodeMember = "code";

    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { [CodeMember] = code });

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found", detail);

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static ProblemHttpResult Forbidden(string code, string detail) =>
        Create(StatusCodes.Status403Forbidden, code, "Forbidden", detail);

    public static ProblemHttpResult Unprocessable(string code, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "Unprocessable request", detail);

    /// <summary>Adds an <c>errors</c> member naming the fields at fault, as validation problems have.</summary>
    public static ProblemHttpResult WithFieldErrors(this ProblemHttpResult problem, IReadOnlyDictionary<string, string[]> errors)
    {
        problem.ProblemDetails.Extensions["errors"] = errors;
        return problem;
    }

    /// <summary>A 400 response naming one field and what is wrong with it.</summary>
    public static ValidationProblem InvalidField(string field, string message) =>
        new FieldErrors().Add(field, message).ToProblem();
}

/// <summary>Collects the invalid fields of one request body, so one response can name all of them.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public ValidationProblem ToProblem(string code = ErrorCodes.InvalidField)
    {
        var fields = string.Join(", ", _errors.Keys);
        return TypedResults.ValidationProblem(
            _errors,
            detail: $"The request has invalid fields: {fields}.",
            title: "Invalid request",
            extensions: new Dictionary<string, object?> { [Problems.CodeMember] = code });
    }
}
