#!/usr/bin/env bash
# Benchmarks `intelgraph migrate` on generated pilot exports of the given claim counts and prints,
# per size: the claim path rate (claims / (claims table time + sealing time)), each table's time,
# wall time and peak resident memory. Usage: bench/migrate.sh [CLAIMS ...]   (default: 100000 1000000)
# With BENCH_POSTGRES set to a server's connection string (Host=…;Port=…;Username=…), each size is migrated
# into a new database there instead of an SQLite file, for example:
#   BENCH_POSTGRES=1 bash scripts/with-postgres.sh bash bench/migrate.sh 100000
# (with BENCH_POSTGRES=1 the throwaway cluster's INTELGRAPH_TEST_POSTGRES is used).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_WORK:-$(mktemp -d)}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)

"$root/intelgraph" --help >/dev/null   # builds the CLI once, outside the measurements

run=0
for claims in "${sizes[@]}"; do
    run=$((run + 1))
    export_dir="$work/export-$claims"
    database="$work/bench-$claims.db"
    rm -rf "$export_dir" "$database"*
    if [ -n "${BENCH_POSTGRES:-}" ]; then
        server="$BENCH_POSTGRES"
        [ "$server" = 1 ] && server="$INTELGRAPH_TEST_POSTGRES"
        name="bench_${claims}_$$_$run"   # the run number keeps repeated sizes apart
        psql "$(echo "$server" | sed 's/Host=/host=/; s/;Port=/ port=/; s/;Username=/ user=/') dbname=postgres" -q -c "CREATE DATABASE $name;"
        database="$server;Database=$name"
    fi

    "$root/intelgraph" sample --out "$export_dir" --claims "$claims" --deltas 0 --clean --seed 1 >/dev/null
    /usr/bin/time -f '%e %M' -o "$work/time-$claims" \
        "$root/intelgraph" migrate --from "$export_dir" --tenant bench --db "$database" --json > "$work/report-$claims.json"

    read -r wall rss_kb < "$work/time-$claims"
    python3 - "$work/report-$claims.json" "$claims" "$wall" "$rss_kb" <<'PY'
import json, sys
report, claims, wall, rss_kb = json.load(open(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
tables = report["tables"]
claim_path = tables["claims"]["seconds"] + report["sealSeconds"]
print(f"claims={claims} claim_path={claims / claim_path:,.0f}/s "
      f"(claims {tables['claims']['seconds']:.2f} s + sealing {report['sealSeconds']:.2f} s) "
      f"entities {tables['entities']['seconds']:.2f} s, edges {tables['edges']['seconds']:.2f} s, "
      f"cases+tasks+reports {tables['cases']['seconds'] + tables['tasks']['seconds'] + tables['reports']['seconds']:.2f} s, "
      f"wall {wall:.1f} s, peak RSS {rss_kb / 1024:.0f} MiB")
PY
    rm -rf "$export_dir" "$database"*
done
