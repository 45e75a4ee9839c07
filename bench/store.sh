#!/usr/bin/env bash
# Measures the embedded store's share of the migration's claim path: bench/StoreBench appends the claims of a
# generated export (default 100,000) and inserts their manifest leaves on one thread, with nothing read, digested or
# signed while it is timed. It runs once per variant of the claims table's indexes, each in a fresh process and a
# scratch database, and prints one JSON line per variant.
# Usage: bench/store.sh [CLAIMS]       Set BENCH_WORK to keep the files in a known folder.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
claims="${1:-100000}"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"

"$root/intelgraph" --help >/dev/null   # builds the CLI once, outside the measurements
dotnet build "$root/bench/StoreBench" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

rm -rf "$work/export-$claims"
"$root/intelgraph" sample --out "$work/export-$claims" --claims "$claims" --deltas 0 --clean --seed 1 >/dev/null

for variant in full without-edge-index unique-id-only; do
    rm -f "$work/store-$variant.db"*
    dotnet run --project "$root/bench/StoreBench" -c Release --no-build -- \
        "$work/export-$claims/claims.json" "$work/store-$variant.db" "$variant"
    rm -f "$work/store-$variant.db"*
done
rm -rf "$work/export-$claims"
