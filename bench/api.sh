#!/usr/bin/env bash
# Measures the API server under load with wrk on loopback. The script migrates a clean sample export into
# a new SQLite store as tenant `pilot` and starts `intelgraph serve` on it (Release build). With a token
# from the development issuer, wrk then sends three requests: a budget check, the export of a
# 1000-claim manifest and the neighbours of the entity with the most edges.
# Usage: bench/api.sh [SECONDS] [CONNECTIONS] (defaults: 10 and 64); BENCH_THREADS sets wrk's threads (2),
# BENCH_WARMUP the warm-up seconds before each measured run (20). Needs wrk and sqlite3 (Debian packages).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"
connections="${2:-64}"
threads="${BENCH_THREADS:-2}"
warmup="${BENCH_WARMUP:-20}"
port="${BENCH_PORT:-18080}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk not found: install it with apt-get install wrk" >&2; exit 2; }

intelgraph() { "$root/intelgraph" "$@"; }
intelgraph sample --out "$work/export" --claims 5000 --deltas 0 --clean --tenant pilot >/dev/null 2>&1
intelgraph migrate --from "$work/export" --tenant pilot --db "$work/store.db" >/dev/null 2>&1

export INTELGRAPH_API_SECRET=$(openssl rand -hex 16)
"$root/intelgraph" serve --db "$work/store.db" --urls "$base" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    curl -sf "$base/healthz" >/dev/null && break
    sleep 0.5
done

token=$(curl -sf --data "grant_type=client_credentials&client_id=intelgraph-api&client_secret=$INTELGRAPH_API_SECRET" \
    "$base/auth/realms/intelgraph/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
auth="Authorization: Bearer $token"
curl -sf -H "$auth" -H 'Content-Type: application/json' --data '{"tenant":"pilot","ms":2500,"rows":100000}' \
    "$base/budget/init" >/dev/null

manifest=$(sqlite3 "$work/store.db" "SELECT id FROM manifests WHERE tenant = 'pilot' AND tree_size = 1000 LIMIT 1")
entity=$(sqlite3 "$work/store.db" "SELECT entity FROM (SELECT source AS entity FROM edges WHERE tenant = 'pilot' UNION ALL SELECT target FROM edges WHERE tenant = 'pilot') GROUP BY entity ORDER BY count(*) DESC LIMIT 1")

cat >"$work/check.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"tenant":"pilot","estMs":500,"estRows":2000}'
LUA
# The same request with a 1 ms pause between a connection's requests. That keeps the offered load a
# little above 20,000 requests/s, so the latency at that rate is measured instead of at saturation.
cp "$work/check.lua" "$work/check-paced.lua"
echo 'function delay() return 1 end' >>"$work/check-paced.lua"

run() {
    local name="$1"; shift
    # The runtime recompiles hot methods with profile data during the first seconds of load. Measuring
    # before that ends would time the compiler, not the server.
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -H "$auth" "$@" >/dev/null
    local report
    report=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "$auth" "$@")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
    errors=$(awk '/Non-2xx/ {print $NF}' <<<"$report")
    printf '%-24s %10s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "wrk: $threads threads, $connections connections, ${seconds} s per request after ${warmup} s of warm-up"
run "budget check" -s "$work/check.lua" "$base/budget/check"
run "budget check, paced" -s "$work/check-paced.lua" "$base/budget/check"
run "manifest export" "$base/ledger/manifests/$manifest/export"
run "neighbours" "$base/graph/entities/$entity/neighbours"
