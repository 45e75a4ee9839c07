using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Server.Access;
using IntelGraph.Server.Freeze;
using IntelGraph.Server.Http;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Budget;

/// <summary>
/// Per-tenant query budgets: set a tenant's limits and ask whether one query fits. The tenant in the
/// body must be the token's tenant; no role, admin included, acts on another tenant's budget.
/// </summary>
public static class BudgetEndpoints
{
    public static RouteGroupBuilder MapBudgetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/budget").WithTags("Query budget").RequireMatrixAccess();

        group.MapPost("/init", InitAsync)
            .WithWriteTransaction()
            .WithName("InitBudget")
            .WithSummary("Set the tenant's query budget, replacing any earlier one.");
        group.MapPost("/check", CheckAsync)
            .WithName("CheckBudget")
            .WithSummary("Decide whether a query with the given estimates fits the tenant's budget.");

        return group;
    }

    internal static async Task<Results<Ok<BudgetResponse>, ValidationProblem, ProblemHttpResult>> InitAsync(
        BudgetInitRequest request,
        Caller caller,
        RequestStores requestStores,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var tenant = ParseTenant(errors, request.Tenant);
        RequirePositive(errors, "ms", request.Ms);
        RequirePositive(errors, "rows", request.Rows);
        if (request.Severity is not null && !CaseSeverity.IsValid(request.Severity))
        {
            errors.Add("severity", $"severity must be one of: {string.Join(", ", CaseSeverity.All)}, or left out to set the tenant's budget.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        if (tenant != caller.Tenant)
        {
            return TenantMismatch(tenant!.Value, caller.Tenant);
        }

        var budget = new QueryBudget(request.Ms!.Value, request.Rows!.Value);
        var stores = await requestStores.GetAsync(cancellationToken);
        if (request.Severity is not null)
        {
            await stores.Budgets.SetForSeverityAsync(caller.Tenant, request.Severity, budget, cancellationToken);
            return TypedResults.Ok(new BudgetResponse(caller.Tenant.Value, budget.MaxMilliseconds, budget.MaxRows, request.Severity));
        }

        await stores.Budgets.SetAsync(caller.Tenant, budget, cancellationToken);
        ServerLog.BudgetSet(loggerFactory.CreateLogger(typeof(BudgetEndpoints)), caller.Tenant.Value, budget.MaxMilliseconds, budget.MaxRows);
        return TypedResults.Ok(new BudgetResponse(caller.Tenant.Value, budget.MaxMilliseconds, budget.MaxRows, null));
    }

    internal static async Task<Results<Ok<BudgetCheckResponse>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        BudgetCheckRequest request,
        Caller caller,
        RequestStores requestStores,
        ServerMetrics metrics,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var tenant = ParseTenant(errors, request.Tenant);
        RequireNonNegative(errors, "estMs", request.EstMs);
        RequireNonNegative(errors, "estRows", request.EstRows);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        if (tenant != caller.Tenant)
        {
            return TenantMismatch(tenant!.Value, caller.Tenant);
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var budget = await stores.Budgets.FindAsync(caller.Tenant, cancellationToken);
        if (budget is null)
        {
            return Problems.NotFound(ErrorCodes.BudgetNotFound, $"Tenant '{caller.Tenant}' has no query budget yet. Set one with POST /budget/init.");
        }

        var decision = QueryBudgetCheck.Evaluate(budget, new QueryEstimate(request.EstMs!.Value, request.EstRows!.Value));
        if (!decision.Allowed)
        {
            metrics.RecordBudgetDenial(caller.Tenant);
        }

        return TypedResults.Ok(BudgetCheckResponse.From(caller.Tenant, budget, decision));
    }

    private static TenantId? ParseTenant(FieldErrors errors, string? value)
    {
        if (TenantId.TryParse(value, out var tenant))
        {
            return tenant;
        }

        errors.Add("tenant", "tenant is required: 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
        return null;
    }

    private static void RequirePositive(FieldErrors errors, string field, long? value)
    {
        if (value is null or <= 0)
        {
            errors.Add(field, $"{field} is required and must be a positive integer.");
        }
    }

    private static void RequireNonNegative(FieldErrors errors, string field, long? value)
    {
        if (value is null or < 0)
        {
            errors.Add(field, $"{field} is required and must be an integer of 0 or more.");
        }
    }

    private static ProblemHttpResult TenantMismatch(TenantId requested, TenantId caller) =>
        Problems.Forbidden(
            ErrorCodes.TenantMismatch,
            $"The body names tenant '{requested}', but the token belongs to tenant '{caller}'. A token acts on its own tenant only.");
}

/// <summary>The body of <c>POST /budget/init</c>.</summary>
/// <param name="Ms">The estimated run time one query may have, in milliseconds.</param>
/// <param name="Rows">The estimated rows one query may touch.</param>
/// <param name="Severity"><c>low</c>, <c>med</c> or <c>high</c> to set the budget for the tenant's cases of that severity; absent sets the tenant's budget.</param>
public sealed record BudgetInitRequest(string? Tenant, long? Ms, long? Rows, string? Severity = null);

/// <summary>The body of <c>POST /budget/check</c>.</summary>
/// <param name="EstMs">The query's estimated run time, in milliseconds.</param>
/// <param name="EstRows">The query's estimated rows touched.</param>
public sealed record BudgetCheckRequest(string? Tenant, long? EstMs, long? EstRows);

/// <summary>A tenant's query budget, or the budget of its cases of one severity.</summary>
public sealed record BudgetResponse(string Tenant, long Ms, long Rows, string? Severity);

/// <summary>The decision on one query.</summary>
/// <param name="Decision"><c>allow</c> or <c>deny</c>.</param>
/// <param name="Reasons">Why the query is denied, one entry per exceeded limit; empty when allowed.</param>
/// <param name="Remaining">What the budget leaves after this query, never below zero.</param>
public sealed record BudgetCheckResponse(
    string Tenant,
    string Decision,
    bool Allowed,
    IReadOnlyList<BudgetReason> Reasons,
    BudgetAmounts Budget,
    BudgetAmounts Remaining)
{
    public static BudgetCheckResponse From(TenantId tenant, QueryBudget budget, BudgetDecision decision) => new(
        tenant.Value,
        decision.Allowed ? "allow" : "deny",
        decision.Allowed,
        [.. decision.Violations.Select(violation => new BudgetReason(violation.Limit, violation.Estimated, violation.Allowed, violation.Reason))],
        new BudgetAmounts(budget.MaxMilliseconds, budget.MaxRows),
        new BudgetAmounts(decision.RemainingMilliseconds, decision.RemainingRows));
}

/// <summary>One exceeded limit: <c>ms</c> or <c>rows</c>.</summary>
public sealed record BudgetReason(string Limit, long Estimated, long Allowed, string Message);

/// <summary>A run time in milliseconds and a row count.</summary>
public sealed record BudgetAmounts(long Ms, long Rows);
