using System.Text.Json.Serialization;
using IntelGraph.Cases;
using IntelGraph.Graph;

namespace IntelGraph.Migration.Importing;

/// <summary>Source-generated JSON for the records a quarantine keeps parsed, so resolving them needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GraphEdge))]
[JsonSerializable(typeof(CaseTask))]
[JsonSerializable(typeof(ReportMeta))]
internal sealed partial class MigrationJson : JsonSerializerContext;
