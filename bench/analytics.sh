#!/usr/bin/env bash
# Benchmarks `intelgraph analytics pagerank` on a generated pilot export of the given claim count (one
# edge per claim; default 1000000) migrated into a new SQLite store. Prints the edge and entity counts,
# the time to read the graph from the store, the PageRank time and the peak resident memory of the
# analytics process. Usage: bench/analytics.sh [CLAIMS]
# With BENCH_DB set to a store that already holds tenant "bench", the export is neither generated nor
# migrated, and the store is kept.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_WORK:-$(mktemp -d)}"
claims="${1:-1000000}"
export_dir="$work/export-$claims"
database="${BENCH_DB:-$work/analytics-$claims.db}"

"$root/intelgraph" --help >/dev/null   # builds the CLI once, outside the measurements

if [ -z "${BENCH_DB:-}" ]; then
    rm -rf "$export_dir" "$database"*
    "$root/intelgraph" sample --out "$export_dir" --claims "$claims" --deltas 0 --clean --seed 1 >/dev/null
    "$root/intelgraph" migrate --from "$export_dir" --tenant bench --db "$database" --json >/dev/null
    rm -rf "$export_dir"
fi

for run in 1 2; do
    /usr/bin/time -f '%e %M' -o "$work/time" \
        "$root/intelgraph" analytics pagerank --tenant bench --db "$database" --limit 3 --json > "$work/pagerank.json"
    read -r wall rss_kb < "$work/time"
    python3 - "$work/pagerank.json" "$run" "$wall" "$rss_kb" <<'PY'
import json, sys
report, run, wall, rss_kb = json.load(open(sys.argv[1])), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
result, seconds = report["result"], report["seconds"]
print(f"run {run}: {result['edgeCount']:,} edges, {result['nodeCount']:,} entities: "
      f"read graph {seconds['load']:.2f} s, pagerank {seconds['analysis']:.2f} s "
      f"({result['details']['iterations']} iterations, sum {result['details']['sum']:.9f}), "
      f"process wall {wall:.1f} s, peak RSS {rss_kb / 1024:.0f} MiB")
PY
done

[ -n "${BENCH_DB:-}" ] || rm -rf "$database"*
