using IntelGraph.Core;
using IntelGraph.Release.Compliance;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Policy;

namespace IntelGraph.Release.Tests;

public sealed class ReleasePolicyTests
{
    private static readonly ReleasePolicy Policy = new(["MIT", "Apache-2.0"], [new LicenceException("SQLite", "public domain")], []);

    [Fact]
    public void Repository_policy_is_valid()
    {
        var policy = ReleasePolicy.Read(Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, ReleasePolicy.DefaultPath));

        Assert.Contains("MIT", policy.AllowedLicences);
        Assert.All(policy.LicenceExceptions, exception => Assert.False(string.IsNullOrWhiteSpace(exception.Reason)));
    }

    [Fact]
    public void Exception_without_reason_is_rejected()
    {
        var path = WriteTemporary("""{"allowedLicences":["MIT"],"licenceExceptions":[{"component":"X","reason":" "}],"secretScanExceptions":[]}""");

        var error = Assert.Throws<InvalidInputException>(() => ReleasePolicy.Read(path));

        Assert.Contains("licenceExceptions[0].reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_member_is_rejected_with_its_line()
    {
        var path = WriteTemporary("{\n  \"allowedLicences\": [\"MIT\"],\n  \"licenceExceptions\": [],\n  \"secretScanExceptions\": [],\n  \"extra\": 1\n}");

        var error = Assert.Throws<InvalidInputException>(() => ReleasePolicy.Read(path));

        Assert.Contains(":5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Licences_outside_the_policy_fail()
    {
        var outcome = LicenceReview.Review(
            [
                new SbomComponent("A", "1.0", null, ["MIT"]),
                new SbomComponent("B", "2.0", null, ["GPL-3.0-only"]),
                new SbomComponent("SQLite", "3.5", null, []),
                new SbomComponent("C", "1.0", null, []),
            ],
            Policy);

        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("B@2.0: GPL-3.0-only", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("C@1.0: (none declared)", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("A@1.0", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("(none declared)", outcome.Data["SQLite@3.5"]);
    }

    [Fact]
    public void Accepted_licences_pass()
    {
        var outcome = LicenceReview.Review([new SbomComponent("A", "1.0", null, ["MIT"]), new SbomComponent("SQLite", "3.5", null, [])], Policy);

        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("SQLite@3.5 (public domain)", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Sbom_components_are_read()
    {
        var json = """{"bomFormat":"CycloneDX","specVersion":"1.7","components":[{"name":"A","version":"1","purl":"pkg:nuget/A@1","licenses":[{"license":{"id":"MIT"}}]},{"name":"B","version":"2","licenses":[{"expression":"MIT OR Apache-2.0"}]},{"name":"C","version":"3"}]}""";

        var components = SbomComponent.ReadAll(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(["MIT"], components[0].Licences);
        Assert.Equal(["MIT OR Apache-2.0"], components[1].Licences);
        Assert.Empty(components[2].Licences);
        Assert.Equal("pkg:nuget/A@1", components[0].PackageUrl);
    }

    private static string WriteTemporary(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
