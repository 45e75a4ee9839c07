#!/usr/bin/env bash
# Benchmarks graph queries on the embedded store against a reference engine, in one run on the same data:
# generates a clean pilot export with CLAIMS edges (default 1,000,000), migrates it into an SQLite store,
# then bench/GraphBench loads the tenant's graph and times 1-hop neighbourhoods and 3-hop expansions from
# SAMPLES sampled entities (default 200), and bench/kuzu loads the same nodes and edges into Kuzu (the
# `kuzu` npm package) and runs the same queries for the same entities. Both then run PageRank on it.
# Usage: bench/graph.sh [CLAIMS] [SAMPLES]       Set BENCH_WORK to keep the files in a known folder.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
claims="${1:-1000000}"
samples="${2:-200}"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"

"$root/intelgraph" --help >/dev/null   # builds the CLI once, outside the measurements

if [ ! -f "$work/bench-$claims.db" ]; then
    rm -rf "$work/export-$claims"
    "$root/intelgraph" sample --out "$work/export-$claims" --claims "$claims" --deltas 0 --clean --seed 1 >/dev/null
    "$root/intelgraph" migrate --from "$work/export-$claims" --tenant bench --db "$work/bench-$claims.db" >/dev/null
fi

dotnet build "$root/bench/GraphBench" -c Release --nologo -v quiet -clp:ErrorsOnly
(cd "$root/bench/kuzu" && npm install --no-audit --no-fund --silent)

echo "== IntelGraph (embedded store, in-memory Cypher engine) =="
dotnet run --project "$root/bench/GraphBench" -c Release --no-build -- "$work/bench-$claims.db" bench "$samples" "$work/graph-$claims" \
    | tee "$work/intelgraph-$claims.json"

echo "== Kuzu =="
node "$root/bench/kuzu/bench.mjs" "$work/graph-$claims" | tee "$work/kuzu-$claims.json"

node -e '
const [ours, kuzu] = process.argv.slice(1).map((file) => JSON.parse(require("fs").readFileSync(file, "utf8")));
for (const name of ["oneHop", "threeHops"]) {
  const same = ours[name].rows === kuzu[name].rows ? "same answers" : `answers differ: ${ours[name].rows} vs ${kuzu[name].rows} rows`;
  console.log(`${name}: p95 ${ours[name].p95Ms.toFixed(2)} ms vs ${kuzu[name].p95Ms.toFixed(2)} ms, ratio ${(ours[name].p95Ms / kuzu[name].p95Ms).toFixed(2)} (${same})`);
}
console.log(`load: ${ours.loadSeconds.toFixed(1)} s vs ${kuzu.loadSeconds.toFixed(1)} s`);
const shared = ours.pageRank.top.filter((id) => kuzu.pageRank.top.includes(id)).length;
console.log(`pageRank: ${ours.pageRank.seconds.toFixed(2)} s vs ${kuzu.pageRank.seconds.toFixed(2)} s, ratio ${(ours.pageRank.seconds / kuzu.pageRank.seconds).toFixed(2)} (${shared} of the top 10 in common)`);
' "$work/intelgraph-$claims.json" "$work/kuzu-$claims.json"
