using System.Text.RegularExpressions;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// A rollback moves traffic back to a side whose code predates the new side's migrations, over data the
/// new side also wrote. That only works while every migration adds and never removes or rewrites, so
/// the schema scripts of both stores are held to it here.
/// </summary>
public sealed partial class AdditiveMigrationsTests
{
    public static TheoryData<string> Scripts() => [.. ScriptPaths()];

    [Fact]
    public void Stores_have_same_migrations()
    {
        var names = ScriptPaths().Select(Path.GetFileName).GroupBy(name => name).ToList();

        Assert.True(names.Count >= 5, $"Only {names.Count} migration scripts were found.");
        Assert.All(names, group => Assert.Equal(2, group.Count()));
    }

    private static IEnumerable<string> ScriptPaths() =>
        new[] { "IntelGraph.Storage.Sqlite", "IntelGraph.Storage.Postgres" }
            .SelectMany(store => Directory.GetFiles(Path.Combine(RepositoryFolders.Root, "src", store, "Schema"), "*.sql").Order(StringComparer.Ordinal))
            .Select(script => Path.GetRelativePath(RepositoryFolders.Root, script));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Migration_only_adds(string script)
    {
        var text = CommentLine().Replace(File.ReadAllText(Path.Combine(RepositoryFolders.Root, script)), string.Empty);

        Assert.DoesNotMatch(Destructive(), text);
        Assert.All(AlterTable().Matches(text), alter => Assert.Matches(AddColumn(), alter.Value));
    }

    [Theory]
    [InlineData("DROP TABLE cases;")]
    [InlineData("ALTER TABLE cases RENAME TO old_cases;")]
    [InlineData("UPDATE cases SET status = 'open';")]
    [InlineData("DELETE FROM tasks;")]
    [InlineData("TRUNCATE claims;")]
    public void Check_catches_destructive_statement(string statement) =>
        Assert.True(Destructive().IsMatch(statement) || (AlterTable().IsMatch(statement) && !AddColumn().IsMatch(statement)));

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\b(DROP|RENAME|TRUNCATE)\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b|\bALTER\s+COLUMN\b", RegexOptions.IgnoreCase)]
    private static partial Regex Destructive();

    [GeneratedRegex(@"\bALTER\s+TABLE\b[^;]*;", RegexOptions.IgnoreCase)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"^ALTER\s+TABLE\s+\w+\s+ADD\s+COLUMN\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();
}
