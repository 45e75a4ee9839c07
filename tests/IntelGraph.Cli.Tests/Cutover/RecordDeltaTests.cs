using IntelGraph.Cli.Cutover;

namespace IntelGraph.Cli.Tests.Cutover;

public sealed class RecordDeltaTests
{
    private static readonly CarriedTask Open = new("t1", "Collect indicators", "open", "ana");
    private static readonly CarriedReport Brief = new("r1", "Weekly brief", "internal", "reports/r1.pdf");

    [Fact]
    public void Delta_claims_missing_and_conflicting()
    {
        var source = new[] { Claim("c1", "sha256:a"), Claim("c2", "sha256:b"), Claim("c3", "sha256:c") };
        var target = new Dictionary<string, string> { ["c1"] = "sha256:a", ["c2"] = "sha256:other" };

        var delta = RecordDelta.Between(source, target, [], []);

        Assert.Equal(["c3"], delta.Claims.Select(claim => claim.Id));
        Assert.Equal(["c2"], delta.ConflictingClaims);
        Assert.False(delta.IsEmpty);
    }

    [Fact]
    public void Delta_cases_compared_by_field()
    {
        var source = new[]
        {
            Case("same", [Open], [Brief]),
            Case("renamed", [], [], name: "New name"),
            Case("more", [Open, Open with { Id = "t2" }], [Brief with { Audience = "partner" }]),
            Case("new", [Open], [Brief]),
        };
        var target = new[]
        {
            Case("same", [Open], [Brief]),
            Case("renamed", [], []),
            Case("more", [Open], [Brief]),
            Case("only-on-target", [], []),
        };

        var delta = RecordDelta.Between([], new Dictionary<string, string>(), source, target);

        Assert.Equal(["new"], delta.NewCases.Select(record => record.Id));
        Assert.Equal(["renamed"], delta.ChangedCases.Select(record => record.Id));
        Assert.Equal([("more", "t2")], delta.NewTasks.Select(change => (change.CaseId, change.Task.Id)));
        Assert.Empty(delta.ChangedTasks);
        Assert.Equal([("more", "partner")], delta.ChangedReports.Select(change => (change.CaseId, change.Report.Audience)));
        Assert.Equal(2, delta.Counts()["newTasks"]);
        Assert.Equal(["more", "new", "renamed"], DeltaFile.ChangedCases(source, delta).Select(record => record.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Delta_of_identical_sides_empty()
    {
        var cases = new[] { Case("same", [Open], [Brief]) };

        var delta = RecordDelta.Between([Claim("c1", "sha256:a")], new Dictionary<string, string> { ["c1"] = "sha256:a" }, cases, [Case("same", [Open], [Brief])]);

        Assert.True(delta.IsEmpty);
        Assert.All(delta.Counts().Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Counts_described_in_words()
    {
        var counts = new Dictionary<string, long> { ["claims"] = 3, ["conflictingClaims"] = 1, ["newCases"] = 1, ["changedTasks"] = 0, ["newReports"] = 2 };

        Assert.Equal("3 claims, 1 conflicting claim, 1 new case, 2 new reports", CutoverRunner.Describe(counts));
        Assert.Equal("nothing", CutoverRunner.Describe(new Dictionary<string, long> { ["claims"] = 0 }));
    }

    private static CarriedClaim Claim(string id, string digest) => new(id, digest, $$"""{"id":"{{id}}"}""");

    private static CarriedCase Case(string id, CarriedTask[] tasks, CarriedReport[] reports, string name = "Case") =>
        new(id, name, "open", "owner", null, tasks, reports);
}
