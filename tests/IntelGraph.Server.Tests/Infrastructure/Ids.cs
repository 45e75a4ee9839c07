namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>Fresh ids, so tests on the shared server never meet each other's rows.</summary>
internal static class Ids
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
