using System.Reflection;

namespace IntelGraph.Release.Evidence;

/// <summary>The name and version of the program that runs the gates, as evidence records it.</summary>
public static class ReleaseTool
{
    public static ToolVersion Current { get; } = new(
        "intelgraph",
        typeof(ReleaseTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ReleaseTool).Assembly.GetName().Version?.ToString()
            ?? "unknown");
}
