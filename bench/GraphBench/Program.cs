using System.Diagnostics;
using System.Text.Json;
using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;
using IntelGraph.Bench.Graph;
using IntelGraph.Core;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;
using IntelGraph.Storage;

// Measures the Cypher engine over one tenant's stored graph: the time to load it from the store, then
// 1-hop neighbourhoods and 3-hop expansions from sampled entities. Then it reads the same graph into the
// analytics graph and times PageRank with the reference engine's default settings. So that a reference engine can load
// the same graph and answer the same questions, it writes into OUT_DIR the node ids (nodes.csv), the
// edges (edges.csv) and the sampled ids (ids.txt). It prints a JSON summary on standard output.
// Usage: GraphBench DATABASE TENANT SAMPLES OUT_DIR
if (args.Length != 4 || !int.TryParse(args[2], out var sampleCount) || sampleCount <= 0)
{
    Console.Error.WriteLine("usage: GraphBench DATABASE TENANT SAMPLES OUT_DIR");
    return 2;
}

var outDir = Directory.CreateDirectory(args[3]).FullName;

var tenant = TenantId.Parse(args[1]);
await using var stores = await StoreOpener.OpenSessionAsync(StoreLocation.Resolve(args[0]), TimeProvider.System, CancellationToken.None);

// Reading the rows alone, to tell the store's share of the load time from the in-memory graph's.
var scanning = Stopwatch.StartNew();
long scannedRows = 0;
await foreach (var _ in stores.Graph.ScanEntitiesAsync(tenant, CancellationToken.None))
{
    scannedRows++;
}

await foreach (var _ in stores.Graph.ScanEdgesAsync(tenant, CancellationToken.None))
{
    scannedRows++;
}

var scanSeconds = scanning.Elapsed.TotalSeconds;

var loading = Stopwatch.StartNew();
var graph = await TenantGraphSnapshot.LoadAsync(stores.Graph, tenant, CancellationToken.None);
var loadSeconds = loading.Elapsed.TotalSeconds;
GC.Collect();
var heapBytes = GC.GetTotalMemory(forceFullCollection: true);

// Entities with at least one edge, in a fixed pseudo-random order, so every run queries the same ones.
var connected = graph.ScanNodes(null)
    .Where(node => graph.Expand(node.Id, TraversalDirection.Both, null).Any())
    .Select(node => ((StringValue)node.Properties["id"]).Value)
    .ToList();
var random = new Random(20251205);
var ids = connected.OrderBy(_ => random.Next()).Take(sampleCount).ToList();
await File.WriteAllLinesAsync(Path.Combine(outDir, "ids.txt"), ids);
await GraphFiles.WriteAsync(graph, outDir);

const string OneHop = "MATCH (n {id: $id})-[r]-(m) RETURN m.id";
const string ThreeHops = "MATCH (n {id: $id})-[*1..3]-(m) WHERE m.id <> $id RETURN count(DISTINCT m.id)";

long Run(string query, string id, bool countColumn)
{
    var result = CypherEngine.Execute(graph, query, new Dictionary<string, CypherValue> { ["id"] = new StringValue(id) });
    return countColumn ? ((IntegerValue)result.Rows[0][0]).Value : result.Rows.Count;
}

// A few runs first, so that JIT compilation is not measured.
foreach (var id in ids.Take(10))
{
    Run(OneHop, id, countColumn: false);
    Run(ThreeHops, id, countColumn: true);
}

var oneHop = Latencies.Measure(ids, id => Run(OneHop, id, countColumn: false));
var threeHops = Latencies.Measure(ids, id => Run(ThreeHops, id, countColumn: true));

// The Cypher graph is dropped before the analytics graph is read, so the two are not held at once.
var (nodeCount, relationshipCount) = (graph.NodeCount, graph.RelationshipCount);
graph = null!;
GC.Collect();

var analyticsLoading = Stopwatch.StartNew();
var analyticsGraph = await AnalyticsGraphLoader.LoadAsync(stores.Graph, tenant, CancellationToken.None);
var analyticsLoadSeconds = analyticsLoading.Elapsed.TotalSeconds;

// Kuzu's page_rank defaults: damping 0.85, at most 20 iterations, tolerance 1e-7.
var ranking = Stopwatch.StartNew();
var ranks = PageRank.Compute(analyticsGraph, 0.85, 1e-7, 20);
var pageRankSeconds = ranking.Elapsed.TotalSeconds;
var top = Enumerable.Range(0, analyticsGraph.NodeCount)
    .OrderByDescending(node => ranks.Scores[node])
    .Take(10)
    .Select(analyticsGraph.NodeId)
    .ToList();

var summary = new
{
    engine = "intelgraph",
    nodes = nodeCount,
    relationships = relationshipCount,
    scannedRows,
    scanSeconds,
    loadSeconds,
    heapMiB = heapBytes / 1024.0 / 1024.0,
    oneHop,
    threeHops,
    pageRank = new { loadSeconds = analyticsLoadSeconds, seconds = pageRankSeconds, iterations = ranks.Iterations, top },
};
Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
return 0;
