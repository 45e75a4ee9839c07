using System.Runtime.CompilerServices;
using IntelGraph.Flags.Model;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace IntelGraph.Flags.Evaluation;

/// <summary>
/// Turns one environment of a flags document into Microsoft.FeatureManagement feature definitions.
/// A flag that is on for everyone uses the built-in AlwaysOn filter, a flag that is off has no filter,
/// and a targeted flag uses the targeting filter. Tenants and groups become audience groups with the
/// prefixes <see cref="TenantGroupPrefix"/> and <see cref="ClaimGroupPrefix"/>, so a Keycloak group
/// can never be mistaken for a tenant of the same name.
/// </summary>
internal sealed class FlagDefinitionProvider : IFeatureDefinitionProvider
{
    public const string TenantGroupPrefix = "tenant:";
    public const string ClaimGroupPrefix = "group:";

    // The filter names Microsoft.FeatureManagement 4.x resolves: AlwaysOn is built in, and the
    // contextual targeting filter carries the alias Microsoft.Targeting.
    private const string AlwaysOnFilter = "AlwaysOn";
    private const string TargetingFilter = "Microsoft.Targeting";

    private readonly Dictionary<string, FeatureDefinition> _definitions;

    public FlagDefinitionProvider(IReadOnlyDictionary<string, FlagSetting> settings)
    {
        _definitions = new Dictionary<string, FeatureDefinition>(StringComparer.Ordinal);
        foreach (var (name, setting) in settings)
        {
            _definitions[name] = ToDefinition(name, setting);
        }
    }

    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
        Task.FromResult(_definitions.TryGetValue(featureName, out var definition) ? definition : null!);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var definition in _definitions.Values)
        {
            yield return definition;
        }

        await Task.CompletedTask;
    }

    private static FeatureDefinition ToDefinition(string name, FlagSetting setting)
    {
        if (setting.Enabled)
        {
            return new FeatureDefinition { Name = name, EnabledFor = [new FeatureFilterConfiguration { Name = AlwaysOnFilter }] };
        }

        if (!setting.HasTargeting)
        {
            return new FeatureDefinition { Name = name, EnabledFor = [] };
        }

        var groups = setting.Tenants.Select(tenant => TenantGroupPrefix + tenant)
            .Concat(setting.Groups.Select(group => ClaimGroupPrefix + group))
            .Select(group => new GroupRollout { Name = group, RolloutPercentage = 100 })
            .ToList();
        var targeting = new TargetingFilterSettings
        {
            Audience = new Audience { Users = [], Groups = groups, DefaultRolloutPercentage = setting.Percentage },
        };

        return new FeatureDefinition
        {
            Name = name,
            EnabledFor = [new FeatureFilterConfiguration { Name = TargetingFilter, ParametersObject = targeting }],
        };
    }
}
