using System.Net;
using System.Text.Json;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>Checks on RFC 9457 problem responses.</summary>
internal static class Problem
{
    /// <summary>
    /// Asserts the response is a problem with the status and error code, with no stack trace in it, and
    /// returns its body for further checks.
    /// </summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.TextAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNoInternals(body);

        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>Asserts the problem's <c>errors</c> member names the field.</summary>
    public static void AssertNamesField(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"The problem has no errors member: {problem}");
        Assert.True(errors.TryGetProperty(field, out _), $"The problem does not name field '{field}': {problem}");
    }

    /// <summary>Asserts a body shows no sign of a .NET stack trace or exception type.</summary>
    public static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
    }
}
