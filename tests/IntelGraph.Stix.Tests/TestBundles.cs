namespace IntelGraph.Stix.Tests;

/// <summary>Builds small STIX bundles as JSON text, one object per line so that object i starts on line i + 2.</summary>
internal static class TestBundles
{
    public const string Created = "2024-01-01T00:00:00.000Z";
    public const string Modified = "2024-03-01T00:00:00.000Z";

    public static string Id(string type, int number) => $"{type}--00000000-0000-4000-8000-{number:D12}";

    /// <summary>A STIX 2.0 bundle: the version is a member of the bundle.</summary>
    public static string Stix20(params string[] objects) => Bundle("\"spec_version\": \"2.0\", ", objects);

    /// <summary>A STIX 2.1 bundle: the bundle has no version and each object carries its own.</summary>
    public static string Stix21(params string[] objects) => Bundle("", objects);

    public static string Entity(string type, int number, string name, string extraMembers = "") =>
        $$"""{"type": "{{type}}", "id": "{{Id(type, number)}}", "created": "{{Created}}", "modified": "{{Modified}}", "name": "{{name}}"{{extraMembers}}}""";

    public static string Relationship(int number, string relationshipType, string sourceRef, string targetRef, string extraMembers = "") =>
        $$"""{"type": "relationship", "id": "{{Id("relationship", number)}}", "created": "{{Created}}", "modified": "{{Modified}}", "relationship_type": "{{relationshipType}}", "source_ref": "{{sourceRef}}", "target_ref": "{{targetRef}}"{{extraMembers}}}""";

    private static string Bundle(string versionMember, string[] objects) =>
        $$"""{"type": "bundle", "id": "bundle--00000000-0000-4000-8000-00000000beef", {{versionMember}}"objects": [""" + "\n"
        + string.Join(",\n", objects) + "\n"
        + "]}\n";
}
