using Microsoft.AspNetCore.Diagnostics;

namespace IntelGraph.Server.Http;

/// <summary>Writes a problem body into error responses that have none, such as a route that does not exist.</summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var httpContext = context.HttpContext;
        var status = httpContext.Response.StatusCode;

        // A 401 carries only the WWW-Authenticate header, so a client learns nothing about why its token failed.
        if (status == StatusCodes.Status401Unauthorized)
        {
            return;
        }

        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.RouteNotFound, "No endpoint has this path. The OpenAPI document at /openapi/v1.json lists them."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.MethodNotAllowed, "The endpoint does not accept this HTTP method."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.UnsupportedMediaType, "The request body must be JSON sent with Content-Type: application/json."),
            _ => (ErrorCodes.BadRequest, "The request was not processed."),
        };

        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Detail = detail,
                Extensions = { [Problems.CodeMember] = code },
            },
        });
    }
}
