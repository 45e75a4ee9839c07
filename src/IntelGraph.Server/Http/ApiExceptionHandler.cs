using System.Text.Json;
using IntelGraph.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Server.Http;

/// <summary>
/// Turns every exception that escapes an endpoint into a problem response, so no client ever sees a
/// stack trace. Request errors (bad JSON, wrong content type) and IntelGraph's own errors keep their
/// message. Anything else is a defect, so it is logged in full and returned as a bare 500.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the lock for longer than the busy timeout. PostgreSQL
    // reports the same as a transient error, a serialization failure (40001) or a deadlock (40P01).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected, so no response can be sent.
            return true;
        }

        var problem = Describe(httpContext, exception);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Extensions.TryGetValue(Problems.CodeMember, out var code) && Equals(code, ErrorCodes.StoreBusy))
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails Describe(HttpContext httpContext, Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException badRequest:
                return DescribeBadRequest(badRequest);

            case InvalidInputException invalid:
                return Create(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Invalid request", invalid.Message);

            case NotFoundException notFound:
                return Create(StatusCodes.Status404NotFound, ErrorCodes.RecordNotFound, "Not found", notFound.Message);

            case IntegrityException integrity:
                ServerLog.IntegrityFailure(logger, httpContext.Request.Method, httpContext.Request.Path, integrity);
                return Create(StatusCodes.Status500InternalServerError, ErrorCodes.IntegrityFailure, "Stored data failed an integrity check", integrity.Message);

            case StoreException store:
                return Create(StatusCodes.Status409Conflict, ErrorCodes.StoreConflict, "Conflict", store.Message);

            case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or Npgsql.NpgsqlException { IsTransient: true } or Npgsql.PostgresException { SqlState: "40001" or "40P01" }:
                ServerLog.StoreBusy(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                return Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreBusy, "Store busy", "The store is busy with other writes. Retry the request.");

            default:
                ServerLog.UnhandledException(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                return Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Internal server error", "The server failed to process the request. The error is logged with the trace id.");
        }
    }

    private static ProblemDetails DescribeBadRequest(BadHttpRequestException exception)
    {
        switch (exception.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Create(exception.StatusCode, ErrorCodes.BodyTooLarge, "Request body too large", "The request body is larger than the server accepts.");

            case StatusCodes.Status415UnsupportedMediaType:
                return Create(exception.StatusCode, ErrorCodes.UnsupportedMediaType, "Unsupported media type", "The request body must be JSON sent with Content-Type: application/json.");
        }

        if (exception.InnerException is JsonException json)
        {
            var field = FieldName(json.Path);
            var problem = Create(
                StatusCodes.Status400BadRequest,
                ErrorCodes.MalformedJson,
                "Malformed JSON",
                field is null
                    ? "The request body is not valid JSON or not a JSON object."
                    : $"The request body is not valid JSON, or the value of '{field}' has the wrong type or format.");
            if (field is not null)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = ["The value is malformed or has the wrong type."] };
            }

            return problem;
        }

        // The remaining binding failures are a missing or empty body.
        return Create(exception.StatusCode, ErrorCodes.BadRequest, "Invalid request", "The request body is missing or empty; send a JSON object.");
    }

    /// <summary>Turns a JSON path such as <c>$.claimIds[2]</c> into the field name <c>claimIds[2]</c>; the root gives null.</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static ProblemDetails Create(int status, string code, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Extensions = { [Problems.CodeMember] = code },
    };
}
