using IntelGraph.Flags.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace IntelGraph.Flags.Evaluation;

/// <summary>
/// Evaluates every flag of one environment for a caller with Microsoft.FeatureManagement's targeting
/// filter. Percentage rollouts are sticky: the filter hashes the user id with the flag name, so a user
/// gets the same value of a flag until its percentage changes, and raising the percentage only adds users.
/// </summary>
public sealed class FlagEvaluator
{
    private readonly FeatureManager _featureManager;

    /// <exception cref="KeyNotFoundException">The document does not configure <paramref name="environment"/>.</exception>
    public FlagEvaluator(FlagsDocument document, string environment, ILoggerFactory loggerFactory)
    {
        Environment = environment;
        var options = Options.Create(new TargetingEvaluationOptions { IgnoreCase = false });
        _featureManager = new FeatureManager(new FlagDefinitionProvider(document.SettingsFor(environment)))
        {
            FeatureFilters = [new ContextualTargetingFilter(options, loggerFactory)],
        };
    }

    public string Environment { get; }

    /// <summary>Returns every known flag's value for the caller, in <see cref="FlagNames.All"/> order.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, bool>>> EvaluateAsync(FlagCaller caller, CancellationToken cancellationToken)
    {
        var context = ToTargetingContext(caller);
        var values = new List<KeyValuePair<string, bool>>(FlagNames.All.Count);
        foreach (var flag in FlagNames.All)
        {
            values.Add(new(flag, await _featureManager.IsEnabledAsync(flag, context, cancellationToken).ConfigureAwait(false)));
        }

        return values;
    }

    /// <summary>
    /// Maps the caller onto FeatureManagement's user id and groups. Keycloak's group mapper sends full
    /// paths such as <c>/internal</c>, so one leading '/' is removed before matching the file's group names.
    /// </summary>
    internal static TargetingContext ToTargetingContext(FlagCaller caller)
    {
        var groups = caller.Groups
            .Select(group => group.StartsWith('/') ? group[1..] : group)
            .Where(group => group.Length > 0)
            .Select(group => FlagDefinitionProvider.ClaimGroupPrefix + group)
            .ToList();
        if (caller.Tenant is { Length: > 0 } tenant)
        {
            groups.Add(FlagDefinitionProvider.TenantGroupPrefix + tenant);
        }

        return new TargetingContext { UserId = caller.UserId, Groups = groups };
    }
}
