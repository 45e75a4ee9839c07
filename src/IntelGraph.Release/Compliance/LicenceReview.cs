using IntelGraph.Release.Evidence;
using IntelGraph.Release.Policy;

namespace IntelGraph.Release.Compliance;

/// <summary>Checks each SBOM component's licences against the release policy and lists them all.</summary>
public static class LicenceReview
{
    /// <summary>
    /// Passes when every component declares only accepted licences, or is an exception of the policy.
    /// The data lists every component as <c>name@version</c> with its licences.
    /// </summary>
    public static CheckOutcome Review(IReadOnlyList<SbomComponent> components, ReleasePolicy policy)
    {
        var allowed = policy.AllowedLicences.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rejected = new List<string>();
        var excepted = new List<string>();

        foreach (var component in components)
        {
            var key = $"{component.Name}@{component.Version}";
            data[key] = component.Licences.Count == 0 ? "(none declared)" : string.Join(" AND ", component.Licences);

            if (component.Licences.Count > 0 && component.Licences.All(allowed.Contains))
            {
                continue;
            }

            var exception = policy.LicenceExceptions.FirstOrDefault(candidate => string.Equals(candidate.Component, component.Name, StringComparison.Ordinal));
            if (exception is not null)
            {
                excepted.Add($"{key} ({exception.Reason})");
            }
            else
            {
                rejected.Add($"{key}: {data[key]}");
            }
        }

        var summary = $"{components.Count} dependencies, licences {string.Join(", ", components.SelectMany(c => c.Licences).Distinct().Order(StringComparer.Ordinal))}"
            + (excepted.Count > 0 ? $"; accepted by exception: {string.Join("; ", excepted)}" : string.Empty) + ".";
        return rejected.Count == 0
            ? CheckOutcome.Pass(summary, data)
            : CheckOutcome.Fail(
                $"{rejected.Count} dependencies have a licence the release policy does not accept: {string.Join("; ", rejected)}. Review them, then add the licence to allowedLicences or the component to licenceExceptions with a reason.",
                data);
    }
}
